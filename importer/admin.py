from django.contrib import admin

from .models import Abbreviation, StyleRule


@admin.register(Abbreviation)
class AbbreviationAdmin(admin.ModelAdmin):
    list_display = ["letters", "expansion", "context", "is_active"]
    list_display_links = ["letters", "expansion"]
    list_filter = ["is_active"]
    search_fields = ["letters", "expansion", "context"]
    fields = ["letters", "expansion", "context", "is_active"]


@admin.register(StyleRule)
class StyleRuleAdmin(admin.ModelAdmin):
    list_display = ["wrong", "right", "note", "case_sensitive", "is_active"]
    list_display_links = ["wrong", "right"]
    list_filter = ["is_active", "case_sensitive"]
    search_fields = ["wrong", "right", "note"]
    fields = ["wrong", "right", "note", "case_sensitive", "is_active"]
