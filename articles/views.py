from django.views.generic import DetailView, TemplateView

from .models import Section


class HomeView(TemplateView):
    template_name = "articles/home.html"


class SectionView(DetailView):
    model = Section
    template_name = "articles/section.html"
    context_object_name = "section"
