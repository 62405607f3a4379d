"""Demo sections and articles for ``manage.py seed_demo``; runs after the records step.

The articles are written for the demo; the 2020 facts (the six provinces of Cụm thi
đua số 5, the mid-year review chaired by Thanh Hoá, the officials who spoke, the
movement's slogan) come from the sample article. Every article is written as the
newsroom writes one: the reporter saves it through the write path
(``editing.save_article``) and the editor takes the workflow's steps, so each has its
revisions, audit entries and change signals.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from clusters.models import Cluster, Event, Official, Unit
from photos.demo import choose, seed_library, with_figure

from . import editing, workflow
from .models import Article, Author, Authorship, Section, Tag

# name, slug, position, parent slug, in menu
SECTIONS = [
    ("Tin tức – Sự kiện", "tin-tuc-su-kien", 1, None, True),
    ("An ninh trật tự", "an-ninh-trat-tu", 2, None, True),
    ("Phòng chống ma tuý", "phong-chong-ma-tuy", 1, "an-ninh-trat-tu", False),
    ("Xây dựng lực lượng", "xay-dung-luc-luong", 3, None, True),
    ("Thi đua – Khen thưởng", "thi-dua-khen-thuong", 4, None, True),
    ("An toàn giao thông", "an-toan-giao-thong", 5, None, True),
]

# byline name: username of the account that signs with it (None: no account)
AUTHORS = {
    "Trọng Tuấn": "phongvien",
    "Xuân Bắc": None,
    "Thu Hà": "bientap",
    "Minh Châu": None,
    "Hải Đăng": None,
}

TEXT, PHOTO, BOTH = Authorship.Role.TEXT, Authorship.Role.PHOTO, Authorship.Role.TEXT_AND_PHOTO
VN = dt.timezone(dt.timedelta(hours=7))


def at(year, month, day, hour=9, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN)


def ago(hours):
    return lambda now: now - dt.timedelta(hours=hours)


def ahead(hours):
    return lambda now: now + dt.timedelta(hours=hours)


def paragraphs(*parts):
    return "".join(part if part.startswith("<") else f"<p>{part}</p>" for part in parts)


MID_YEAR_2020 = "cum-thi-dua-so-5-so-ket-phong-trao-thi-dua-6-thang-dau-nam-2020"
CLUSTER_5_UNITS_2020 = [
    "Công an tỉnh Thanh Hóa",
    "Công an tỉnh Nghệ An",
    "Công an tỉnh Hà Tĩnh",
    "Công an tỉnh Quảng Bình",
    "Công an tỉnh Quảng Trị",
    "Công an tỉnh Thừa Thiên Huế",
]

# Each article: state is "published" (with a time), "scheduled" (hours ahead),
# "review" or "draft". "links" name records made by the records demo.
ARTICLES = [
    {
        "title": "Cụm thi đua số 5 sơ kết phong trào thi đua 6 tháng đầu năm 2020",
        "slug": MID_YEAR_2020,
        "section": "thi-dua-khen-thuong",
        "when": at(2020, 7, 17, 16, 30),
        "lead": "Công an sáu tỉnh từ Thanh Hoá đến Thừa Thiên Huế cùng nhìn lại nửa năm thi "
        "đua “Vì an ninh Tổ quốc”: an ninh chính trị giữ vững, tội phạm được kiềm chế, tỷ lệ "
        "điều tra khám phá án đều vượt 80%.",
        "body": paragraphs(
            "Ngày 17/7/2020, tại thành phố Thanh Hoá, Cụm thi đua số 5 của khối Công an các "
            "địa phương tổ chức hội nghị sơ kết phong trào thi đua 6 tháng đầu năm. Dự hội "
            "nghị có đại diện Bộ Công an, lãnh đạo Công an các tỉnh Thanh Hoá, Nghệ An, Hà "
            "Tĩnh, Quảng Bình, Quảng Trị, Thừa Thiên Huế cùng các phòng chức năng.",
            "<h2>Nửa năm với nhiều cách làm mới</h2>",
            "Báo cáo tóm tắt do <strong>Đại tá Hồ Văn Tứ</strong>, Phó Giám đốc Công an tỉnh "
            "Nghệ An, trình bày cho thấy mỗi đơn vị đều cụ thể hoá phong trào thành chỉ tiêu, "
            "khẩu hiệu hành động riêng và gắn với các cuộc vận động của Đảng, của ngành và địa "
            "phương. Trên địa bàn sáu tỉnh không hình thành băng nhóm tội phạm kiểu “xã hội "
            "đen”; tai nạn giao thông được kéo giảm; không xảy ra cháy nổ lớn.",
            "<ul><li>Tỷ lệ điều tra khám phá án ở cả sáu tỉnh đều trên 80%.</li>"
            "<li>Phong trào toàn dân bảo vệ an ninh Tổ quốc có thêm nhiều mô hình tiêu biểu."
            "</li><li>Tỷ lệ cán bộ chiến sĩ vi phạm kỷ luật ở mức thấp.</li></ul>",
            "Phần thảo luận do <strong>Đại tá Dương Văn Tiến</strong>, Phó Giám đốc Công an "
            "tỉnh Thanh Hoá – đơn vị Cụm trưởng – điều hành, tập trung vào an ninh tôn giáo, "
            "chủ quyền biên giới, đấu tranh với tội phạm ma tuý và tội phạm sử dụng công nghệ "
            "cao, phòng chống dịch và bảo vệ đại hội Đảng các cấp. Đại tá Bùi Quang Thanh, Phó "
            "Giám đốc Công an tỉnh Quảng Bình, trao đổi về những vướng mắc khi phối hợp giữa "
            "các đơn vị trong cụm.",
            "<h2>Nhiệm vụ 6 tháng cuối năm</h2>",
            "<blockquote><p>Chủ động, nêu gương, kỷ cương, trách nhiệm, hiệu quả.</p></blockquote>",
            "Bám sát khẩu hiệu hành động trên, các đơn vị thống nhất mở các đợt cao điểm tấn "
            "công trấn áp tội phạm, bảo đảm tuyệt đối an toàn đại hội Đảng bộ các tỉnh, tiến "
            "tới Đại hội đại biểu toàn quốc lần thứ XIII của Đảng; đồng thời tăng cường phối "
            "hợp làm công tác đền ơn đáp nghĩa và chuẩn bị hội nghị tổng kết, bình xét thi "
            "đua năm 2020 của cụm.",
        ),
        "bylines": [("Trọng Tuấn", TEXT), ("Xuân Bắc", PHOTO)],
        "tags": ["Cụm thi đua số 5", "Vì an ninh Tổ quốc", "Sơ kết"],
        "links": {
            "cluster": True,
            "units": CLUSTER_5_UNITS_2020,
            "event": (Event.Kind.MIDYEAR, 2020),
            "officials": ["Dương Văn Tiến", "Hồ Văn Tứ", "Bùi Quang Thanh"],
        },
    },
    {
        "title": "Sáu đơn vị Cụm thi đua số 5 ký kết giao ước thi đua năm 2020",
        "section": "thi-dua-khen-thuong",
        "when": at(2020, 3, 6, 15),
        "lead": "Công an tỉnh Thanh Hoá, đơn vị Cụm trưởng năm 2020, chủ trì lễ ký kết giao "
        "ước mở đầu một năm thi đua của Cụm thi đua số 5.",
        "body": paragraphs(
            "Sáng 6/3/2020, lãnh đạo Công an sáu tỉnh Bắc Trung Bộ cùng ký giao ước thi đua "
            "năm 2020. Mỗi đơn vị cam kết chỉ tiêu cụ thể về kiềm chế tội phạm, kéo giảm tai "
            "nạn giao thông và xây dựng lực lượng.",
            "Theo giao ước, Công an tỉnh Nghệ An giữ vai trò Cụm phó, phối hợp với đơn vị Cụm "
            "trưởng theo dõi, đôn đốc và tổng hợp kết quả thi đua của cả cụm.",
        ),
        "bylines": [("Trọng Tuấn", BOTH)],
        "tags": ["Cụm thi đua số 5", "Giao ước thi đua"],
        "links": {
            "cluster": True,
            "units": ["Công an tỉnh Thanh Hóa", "Công an tỉnh Nghệ An"],
            "event": (Event.Kind.COVENANT, 2020),
        },
    },
    {
        "title": "Cụm thi đua số 5 tổng kết năm 2020 tại thành phố Vinh",
        "section": "thi-dua-khen-thuong",
        "when": at(2020, 12, 18, 17),
        "lead": "Một năm nhiều thử thách khép lại với kết quả toàn diện; Công an tỉnh Nghệ "
        "An được giao làm Cụm trưởng năm 2021.",
        "body": paragraphs(
            "Hội nghị tổng kết diễn ra tại thành phố Vinh. Đại tá Hồ Văn Tứ, Phó Giám đốc "
            "Công an tỉnh Nghệ An, báo cáo kết quả bình xét thi đua năm 2020 của cụm.",
            "Các đơn vị đề nghị Bộ Công an khen thưởng những tập thể, cá nhân có thành tích "
            "xuất sắc trong bảo vệ an toàn đại hội Đảng bộ các tỉnh.",
        ),
        "bylines": [("Xuân Bắc", TEXT)],
        "tags": ["Cụm thi đua số 5", "Tổng kết"],
        "links": {
            "cluster": True,
            "units": ["Công an tỉnh Nghệ An"],
            "event": (Event.Kind.YEAREND, 2020),
            "officials": ["Hồ Văn Tứ"],
        },
    },
    {
        "title": "Công an Nghệ An nhận vai trò Cụm trưởng Cụm thi đua số 5 năm 2021",
        "section": "thi-dua-khen-thuong",
        "when": at(2021, 3, 12, 11),
        "lead": "Tại lễ ký kết giao ước năm 2021, Công an tỉnh Nghệ An tiếp nhận vai trò Cụm "
        "trưởng, Công an tỉnh Hà Tĩnh làm Cụm phó.",
        "body": paragraphs(
            "Lễ ký kết được tổ chức ở thành phố Vinh. Các đơn vị thống nhất lấy việc bảo vệ "
            "tuyệt đối an toàn các sự kiện chính trị lớn làm trọng tâm thi đua của năm.",
        ),
        "bylines": [("Trọng Tuấn", TEXT)],
        "tags": ["Cụm thi đua số 5", "Giao ước thi đua"],
        "links": {
            "cluster": True,
            "units": ["Công an tỉnh Nghệ An", "Công an tỉnh Hà Tĩnh"],
            "event": (Event.Kind.COVENANT, 2021),
        },
    },
    {
        "title": "Công an thành phố Huế chủ trì sơ kết 6 tháng năm 2025 của Cụm thi đua số 5",
        "section": "tin-tuc-su-kien",
        "when": at(2025, 7, 25, 16),
        "lead": "Hội nghị đầu tiên sau khi Công an tỉnh Quảng Bình và Công an tỉnh Quảng Trị "
        "hợp nhất; Đại tá Hoàng Minh Châu phát biểu thay mặt Công an tỉnh Quảng Trị mới.",
        "body": paragraphs(
            "Từ ngày 1/1/2025, Công an tỉnh Thừa Thiên Huế trở thành Công an thành phố Huế. "
            "Đến ngày 1/7/2025, Công an tỉnh Quảng Bình và Công an tỉnh Quảng Trị hợp nhất "
            "thành Công an tỉnh Quảng Trị mới.",
            "Các đại biểu thống nhất rằng sắp xếp bộ máy không được làm gián đoạn công tác "
            "bảo đảm an ninh trật tự ở cơ sở.",
        ),
        "bylines": [("Minh Châu", TEXT), ("Hải Đăng", PHOTO)],
        "tags": ["Cụm thi đua số 5", "Sơ kết"],
        "links": {
            "cluster": True,
            "units": ["Công an thành phố Huế"],
            "event": (Event.Kind.MIDYEAR, 2025),
            "officials": ["Hoàng Minh Châu"],
        },
    },
    {
        "title": "Triệt phá đường dây vận chuyển ma tuý qua tuyến biên giới",
        "section": "phong-chong-ma-tuy",
        "when": ago(5),
        "lead": "Sau ba tháng trinh sát, lực lượng phòng chống ma tuý bắt giữ 4 đối tượng, thu "
        "giữ nhiều bánh heroin và ma tuý tổng hợp.",
        "body": paragraphs(
            "Chuyên án được xác lập từ tin báo của quần chúng ở một xã vùng biên. Các đối "
            "tượng thường chia nhỏ hàng, thay đổi phương tiện liên tục để tránh bị phát hiện.",
            "Cơ quan điều tra đang mở rộng vụ án, truy bắt các đối tượng liên quan.",
        ),
        "bylines": [("Hải Đăng", TEXT)],
        "tags": ["Ma tuý"],
    },
    {
        "title": "Mở đợt cao điểm tấn công trấn áp tội phạm dịp cuối năm",
        "section": "an-ninh-trat-tu",
        "featured": True,
        "when": ago(9),
        "lead": "Đợt cao điểm tập trung vào tội phạm hình sự, ma tuý, kinh tế và tội phạm sử "
        "dụng công nghệ cao.",
        "body": paragraphs(
            "Công an các đơn vị, địa phương được yêu cầu nắm chắc tình hình từ cơ sở, lập "
            "danh sách đối tượng cần quản lý và công khai đường dây nóng tiếp nhận tin báo.",
            "<h2>Ba nhóm việc trọng tâm</h2>",
            "<ol><li>Truy bắt đối tượng truy nã.</li><li>Tấn công tội phạm ma tuý ở các địa "
            "bàn trọng điểm.</li><li>Kiểm tra cơ sở kinh doanh có điều kiện về an ninh trật "
            "tự.</li></ol>",
        ),
        "bylines": [("Trọng Tuấn", TEXT)],
        "tags": ["Cao điểm"],
    },
    {
        "title": "Cảnh giác thủ đoạn giả danh cơ quan Công an gọi điện lừa đảo",
        "section": "an-ninh-trat-tu",
        "when": ago(20),
        "lead": "Cơ quan Công an không làm việc qua điện thoại, không yêu cầu chuyển tiền hay "
        "cài ứng dụng lạ để “xác minh” hồ sơ.",
        "body": paragraphs(
            "Thời gian gần đây, nhiều người dân nhận cuộc gọi tự xưng là cán bộ Công an, "
            "thông báo họ liên quan đến một vụ án và đề nghị chuyển tiền vào “tài khoản tạm "
            "giữ”.",
            "Khi nhận được cuộc gọi như vậy, hãy dừng trao đổi, không cung cấp mã OTP và báo "
            'ngay cho Công an xã, phường nơi cư trú hoặc tra cứu thông tin tại <a href="https:'
            '//bocongan.gov.vn/">Cổng thông tin điện tử Bộ Công an</a>.',
        ),
        "bylines": [("Thu Hà", TEXT)],
        "tags": ["Lừa đảo trực tuyến"],
    },
    {
        "title": "Bảo đảm an ninh trật tự phục vụ đại hội Đảng bộ các cấp",
        "section": "an-ninh-trat-tu",
        "when": at(2020, 9, 28, 8),
        "lead": "Công an tỉnh triển khai phương án bảo vệ với yêu cầu tuyệt đối an toàn cho "
        "đại hội Đảng bộ tỉnh nhiệm kỳ 2020–2025.",
        "body": paragraphs(
            "Các lực lượng tăng cường tuần tra quanh khu vực tổ chức đại hội, kiểm tra phòng "
            "cháy chữa cháy và bảo đảm giao thông trong suốt thời gian diễn ra sự kiện.",
        ),
        "bylines": [("Xuân Bắc", BOTH)],
        "tags": ["Đại hội Đảng"],
    },
    {
        "title": "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "section": "xay-dung-luc-luong",
        "when": ago(30),
        "lead": "Việc học tập được gắn với nhiệm vụ chuyên môn của từng đơn vị, từng cán bộ "
        "chiến sĩ.",
        "body": paragraphs(
            "Mỗi chi bộ đăng ký ít nhất một việc làm cụ thể, có kiểm tra, đánh giá hằng quý.",
            "Những tập thể, cá nhân tiêu biểu được biểu dương tại hội nghị sơ kết của đơn vị.",
        ),
        "bylines": [("Thu Hà", TEXT)],
        "tags": ["Xây dựng Đảng"],
    },
    {
        "title": "Tập huấn nghiệp vụ cho Công an xã, phường",
        "section": "xay-dung-luc-luong",
        "when": ago(48),
        "lead": "Hơn 300 cán bộ Công an cấp xã được bồi dưỡng kỹ năng tiếp nhận, xử lý tin báo "
        "và giải quyết thủ tục hành chính.",
        "body": paragraphs(
            "Lớp tập huấn chia thành các nhóm thực hành theo tình huống thường gặp ở cơ sở: "
            "tranh chấp dân sự, tố giác tội phạm, đăng ký cư trú.",
        ),
        "bylines": [("Minh Châu", TEXT)],
        "tags": ["Công an xã"],
    },
    {
        "title": "Tuổi trẻ Công an tỉnh thăm hỏi gia đình chính sách",
        "section": "xay-dung-luc-luong",
        "when": ago(60),
        "lead": "Đoàn Thanh niên Công an tỉnh trao quà, sửa chữa nhà cho các gia đình có công "
        "với cách mạng.",
        "body": paragraphs(
            "Hoạt động nằm trong chương trình đền ơn đáp nghĩa được duy trì nhiều năm qua.",
        ),
        "bylines": [("Hải Đăng", BOTH)],
        "tags": ["Đền ơn đáp nghĩa"],
    },
    {
        "title": "Tai nạn giao thông giảm trên cả ba tiêu chí",
        "section": "an-toan-giao-thong",
        "when": ago(12),
        "lead": "So với cùng kỳ, số vụ, số người chết và số người bị thương do tai nạn giao "
        "thông đều giảm.",
        "body": paragraphs(
            '<figure class="table"><table><thead><tr><th scope="col">Tiêu chí</th>'
            '<th scope="col">So với cùng kỳ</th></tr></thead><tbody>'
            "<tr><td>Số vụ</td><td>giảm 8%</td></tr><tr><td>Số người chết</td><td>giảm 5%"
            "</td></tr><tr><td>Số người bị thương</td><td>giảm 11%</td></tr></tbody></table>"
            "</figure>",
            "Lực lượng Cảnh sát giao thông tiếp tục tập trung xử lý vi phạm nồng độ cồn, "
            "chạy quá tốc độ và chở quá tải.",
        ),
        "bylines": [("Trọng Tuấn", TEXT)],
        "tags": ["An toàn giao thông"],
    },
    {
        "title": "Tăng cường kiểm soát nồng độ cồn dịp nghỉ lễ",
        "section": "an-toan-giao-thong",
        "when": ago(3),
        "lead": "Các tổ công tác làm việc xuyên đêm trên các tuyến quốc lộ và khu vực đông dân cư.",
        "body": paragraphs(
            "Người điều khiển phương tiện đã uống rượu, bia được khuyến cáo không lái xe; "
            "mọi trường hợp vi phạm đều bị xử lý nghiêm theo quy định.",
        ),
        "bylines": [("Xuân Bắc", TEXT)],
        "tags": ["An toàn giao thông", "Cao điểm"],
    },
    {
        "title": "Nhân rộng mô hình tự quản về an ninh trật tự ở khu dân cư",
        "section": "tin-tuc-su-kien",
        "when": ago(26),
        "lead": "Phong trào toàn dân bảo vệ an ninh Tổ quốc có thêm những mô hình do chính "
        "người dân đứng ra tổ chức.",
        "body": paragraphs(
            "Các tổ tự quản tham gia tuần tra, hoà giải mâu thuẫn và phát hiện người lạ đến "
            "cư trú, phối hợp chặt chẽ với Công an cơ sở.",
        ),
        "bylines": [("Minh Châu", TEXT)],
        "tags": ["Vì an ninh Tổ quốc"],
    },
    {
        "title": "Đẩy mạnh giải quyết thủ tục hành chính trên môi trường điện tử",
        "section": "tin-tuc-su-kien",
        "when": ago(36),
        "lead": "Người dân có thể nộp hồ sơ đăng ký cư trú, cấp căn cước qua cổng dịch vụ "
        "công mà không cần đến trụ sở.",
        "body": paragraphs(
            "Cải cách hành chính là một trong các tiêu chí thi đua của Công an các đơn vị. "
            "Các bộ phận một cửa được bố trí cán bộ hướng dẫn trực tiếp cho người cao tuổi.",
        ),
        "bylines": [("Thu Hà", TEXT)],
        "tags": ["Cải cách hành chính"],
    },
    {
        "title": "Đề nghị khen thưởng tập thể, cá nhân xuất sắc năm 2020",
        "section": "thi-dua-khen-thuong",
        "when": at(2021, 1, 15, 10),
        "lead": "Hội đồng thi đua khen thưởng Công an tỉnh họp xét, đề nghị các hình thức "
        "khen thưởng cho thành tích năm 2020.",
        "body": paragraphs(
            "Đại tá Hồ Văn Tứ, Phó Giám đốc Công an tỉnh Nghệ An, là một trong những cá nhân "
            "được đề nghị khen thưởng vì đóng góp cho phong trào thi đua của Cụm thi đua số 5.",
        ),
        "bylines": [("Trọng Tuấn", TEXT)],
        "tags": ["Khen thưởng", "Cụm thi đua số 5"],
        "links": {"officials": ["Hồ Văn Tứ"], "units": ["Công an tỉnh Nghệ An"]},
    },
    {
        "title": "Phòng cháy, chữa cháy trong mùa hanh khô",
        "section": "an-ninh-trat-tu",
        "when": ago(72),
        "lead": "Lực lượng Cảnh sát phòng cháy, chữa cháy kiểm tra các chợ, khu nhà trọ và cơ "
        "sở sản xuất có nguy cơ cao.",
        "body": paragraphs(
            "Chủ cơ sở được hướng dẫn bố trí lối thoát nạn, trang bị bình chữa cháy và không "
            "để hàng hoá chắn lối đi.",
        ),
        "bylines": [("Hải Đăng", TEXT)],
        "tags": ["Phòng cháy chữa cháy"],
    },
    {
        "title": "Ra mắt tổ liên gia an toàn phòng cháy chữa cháy",
        "section": "tin-tuc-su-kien",
        "when": ago(80),
        "lead": "Mỗi tổ gồm 5 đến 10 hộ liền kề, hỗ trợ nhau khi có sự cố cháy, nổ.",
        "body": paragraphs("Mô hình sẽ được nhân rộng ra các khu dân cư đông đúc."),
        "bylines": [("Minh Châu", BOTH)],
        "tags": ["Phòng cháy chữa cháy"],
    },
    {
        "title": "Ghi chép: một đêm cùng tổ tuần tra cơ động",
        "section": "an-ninh-trat-tu",
        "state": "draft",
        "lead": "Bản nháp: ghi chép về ca tuần tra đêm của Cảnh sát cơ động.",
        "body": paragraphs("Đêm xuống, tổ công tác bắt đầu ca trực ở cửa ngõ thành phố…"),
        "bylines": [("Trọng Tuấn", TEXT)],
        "tags": [],
    },
    {
        "title": "Cụm thi đua số 5 chuẩn bị ký kết giao ước năm 2027",
        "section": "thi-dua-khen-thuong",
        "state": "draft",
        "lead": "",
        "body": paragraphs("Ghi chú: chờ lịch chính thức từ đơn vị Cụm trưởng."),
        "bylines": [("Trọng Tuấn", TEXT)],
        "tags": ["Cụm thi đua số 5"],
    },
    {
        "title": "Công an Hà Tĩnh lắp camera an ninh cho các khu dân cư",
        "section": "an-ninh-trat-tu",
        "state": "review",
        "lead": "Hệ thống camera do người dân và chính quyền cùng đóng góp, kết nối về Công an xã.",
        "body": paragraphs(
            "Sau sáu tháng, hình ảnh từ camera đã giúp làm rõ nhiều vụ trộm cắp tài sản.",
        ),
        "bylines": [("Trọng Tuấn", TEXT)],
        "tags": ["Vì an ninh Tổ quốc"],
        "links": {"units": ["Công an tỉnh Hà Tĩnh"]},
    },
    {
        "title": "Tuổi trẻ Công an tiếp sức mùa thi",
        "section": "xay-dung-luc-luong",
        "state": "review",
        "lead": "Đoàn viên thanh niên hỗ trợ thí sinh và phụ huynh tại các điểm thi.",
        "body": paragraphs("Các đội hình tình nguyện phân luồng giao thông quanh điểm thi."),
        "bylines": [("Trọng Tuấn", BOTH)],
        "tags": [],
    },
    {
        "title": "Lịch tiếp công dân của lãnh đạo Công an tỉnh",
        "section": "tin-tuc-su-kien",
        "state": "scheduled",
        "when": ahead(72),
        "lead": "Lãnh đạo Công an tỉnh tiếp công dân vào sáng thứ Năm hằng tuần tại trụ sở.",
        "body": paragraphs("Công dân mang theo giấy tờ tuỳ thân và tài liệu liên quan."),
        "bylines": [("Thu Hà", TEXT)],
        "tags": [],
    },
    {
        "title": "Hội nghị tổng kết phong trào thi đua “Vì an ninh Tổ quốc” năm 2026",
        "section": "thi-dua-khen-thuong",
        "state": "scheduled",
        "when": ahead(120),
        "lead": "Cụm thi đua số 5 tổng kết năm 2026 và bình xét các đơn vị dẫn đầu.",
        "body": paragraphs("Công an tỉnh Thanh Hoá, đơn vị Cụm trưởng năm 2026, chủ trì."),
        "bylines": [("Xuân Bắc", TEXT)],
        "tags": ["Cụm thi đua số 5", "Tổng kết"],
        "links": {"cluster": True, "units": ["Công an tỉnh Thanh Hóa"]},
    },
]


def seed(log):
    User = get_user_model()
    reporter = User.objects.get(username="phongvien")
    editor = User.objects.get(username="bientap")
    sections = _seed_sections()
    log(f"  {len(sections)} chuyên mục")
    authors = {
        name: Author.objects.get_or_create(
            name=name, defaults={"user": User.objects.filter(username=username).first()}
        )[0]
        for name, username in AUTHORS.items()
    }
    library = seed_library(editor, log)
    now = timezone.now()
    created = 0
    for index, spec in enumerate(ARTICLES):
        photos = choose(library, spec["section"], index)
        if _seed_article(spec, sections, authors, reporter, editor, now, photos):
            created += 1
    log(f"  {created} bài mới, {len(ARTICLES) - created} bài đã có")
    counts = dict.fromkeys(("published", "scheduled", "review", "draft"), 0)
    for spec in ARTICLES:
        counts[spec.get("state", "published")] += 1
    log(
        f"  đã đăng {counts['published']}, lên lịch {counts['scheduled']}, "
        f"chờ duyệt {counts['review']}, bản nháp {counts['draft']}"
    )


def _seed_sections():
    sections = {}
    for name, slug, position, parent, in_menu in SECTIONS:
        sections[slug], _ = Section.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "position": position,
                "parent": sections.get(parent),
                "is_in_menu": in_menu,
            },
        )
    return sections


def _seed_article(spec, sections, authors, reporter, editor, now, photos):
    slug = spec.get("slug")
    existing = Article.objects.filter(slug=slug) if slug else Article.objects.none()
    if existing.exists() or Article.objects.filter(title=spec["title"]).exists():
        return False
    article = editing.save_article(
        Article(),
        reporter,
        changes={
            "title": spec["title"],
            "slug": slug or "",
            "section": sections[spec["section"]],
            "lead": spec["lead"],
            "body": with_figure(spec["body"], photos[1]),
            "cover": photos[0],
        },
        links={
            "tags": [Tag.objects.get_or_create(name=name)[0] for name in spec["tags"]],
            **_records(spec.get("links", {})),
        },
        bylines=[editing.Byline(authors[name], role) for name, role in spec["bylines"]],
    )
    if spec.get("featured"):
        # Placing an article on the front page is the editor's decision.
        editing.save_article(
            article, editor, changes={"is_featured": True}, expected_version=article.version
        )

    state = spec.get("state", "published")
    when = spec.get("when")
    when = when(now) if callable(when) else when
    steps = {
        "review": [("submit", reporter, None)],
        "published": [("submit", reporter, None), ("publish", editor, when)],
        "scheduled": [("submit", reporter, None), ("schedule", editor, when)],
    }.get(state, [])
    for name, user, at in steps:
        workflow.perform(name, article, user, expected_version=article.version, at=at)
    return True


def _records(links):
    """The records the records demo made, by link; a missing one is an error, not a skip."""
    cluster = Cluster.objects.get(block__name="Khối Công an các địa phương", number=5)
    found = {"clusters": [cluster] if links.get("cluster") else []}
    if "event" in links:
        kind, year = links["event"]
        found["events"] = [Event.objects.get(cluster=cluster, kind=kind, year=year)]
    # A name can belong to two legal units (the old and the merged Quảng Trị); the older
    # one is what 2020 articles mean.
    found["units"] = [
        Unit.objects.filter(name=name).earliest("valid_from") for name in links.get("units", [])
    ]
    found["officials"] = [
        Official.objects.get(full_name=name) for name in links.get("officials", [])
    ]
    return found
