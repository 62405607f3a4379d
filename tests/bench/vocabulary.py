"""Words the generated archive is written with: places, people, topics, sentences.

An article keeps to one province and one topic, as real articles do, so a place or a
theme matches a few per cent of the archive, not all of it; people's names are drawn
from common family, middle and given names, so a full name ("Hồ Văn Tứ") is rare.
"""

PROVINCES = [
    "Thanh Hoá",
    "Nghệ An",
    "Hà Tĩnh",
    "Quảng Bình",
    "Quảng Trị",
    "Thừa Thiên Huế",
    "Đà Nẵng",
    "Quảng Nam",
    "Quảng Ngãi",
    "Bình Định",
    "Phú Yên",
    "Khánh Hoà",
    "Ninh Thuận",
    "Bình Thuận",
    "Kon Tum",
    "Gia Lai",
    "Đắk Lắk",
    "Đắk Nông",
    "Lâm Đồng",
    "Hà Nội",
    "Hải Phòng",
    "Quảng Ninh",
    "Bắc Giang",
    "Bắc Ninh",
    "Hải Dương",
    "Hưng Yên",
    "Thái Bình",
    "Nam Định",
    "Ninh Bình",
    "Hà Nam",
    "Vĩnh Phúc",
    "Phú Thọ",
    "Thái Nguyên",
    "Tuyên Quang",
    "Hà Giang",
    "Cao Bằng",
    "Lạng Sơn",
    "Lào Cai",
    "Yên Bái",
    "Sơn La",
    "Điện Biên",
    "Lai Châu",
    "Hoà Bình",
    "Cần Thơ",
    "An Giang",
    "Kiên Giang",
    "Cà Mau",
    "Bạc Liêu",
    "Sóc Trăng",
    "Trà Vinh",
    "Vĩnh Long",
    "Bến Tre",
    "Tiền Giang",
    "Long An",
    "Đồng Tháp",
    "Hậu Giang",
    "Bình Dương",
    "Bình Phước",
    "Tây Ninh",
    "Đồng Nai",
    "Bà Rịa – Vũng Tàu",
]
PLACES = [
    "thành phố",
    "thị xã",
    "huyện miền núi",
    "huyện ven biển",
    "xã biên giới",
    "khu công nghiệp",
    "khu dân cư",
    "tuyến quốc lộ",
    "địa bàn giáp ranh",
    "phường trung tâm",
]
FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quang", "Ngọc", "Xuân", "Trọng"]
GIVEN = [
    "Tứ",
    "Hoa",
    "Hoá",
    "Tuấn",
    "Bắc",
    "Tiến",
    "Châu",
    "Hùng",
    "Dũng",
    "Lan",
    "Hải",
    "Sơn",
    "Long",
    "Nam",
    "Bình",
    "An",
    "Phúc",
    "Thắng",
    "Quý",
    "Thuỷ",
]
RANKS = ["Đại tá", "Thượng tá", "Trung tá", "Thiếu tá", "Đại uý", "Thiếu tướng"]
POSITIONS = ["Giám đốc", "Phó Giám đốc", "Trưởng phòng", "Phó Trưởng phòng", "Đội trưởng"]
# Pen names signing the generated articles (the demo's own five are among them).
PEN_NAMES = [
    "Trọng Tuấn",
    "Xuân Bắc",
    "Thu Hà",
    "Minh Châu",
    "Hải Đăng",
    "Quang Vinh",
    "Ngọc Lan",
    "Đức Thắng",
    "Thanh Sơn",
    "Hữu Phúc",
    "Bảo Ngọc",
    "Việt Hùng",
    "Khánh Linh",
    "Anh Dũng",
    "Hoài Nam",
    "Phương Thảo",
    "Văn Quý",
    "Mai Anh",
    "Tiến Long",
    "Hồng Nhung",
]
SOURCES = ["Theo Báo Công an nhân dân", "Theo Cổng thông tin điện tử Bộ Công an"]
# topic (used in titles and tags), what the units did, section slug (the demo's sections)
TOPICS = [
    (
        "bảo đảm an ninh trật tự",
        "giữ vững an ninh trật tự trên địa bàn",
        "an-ninh-trat-tu",
    ),
    (
        "đấu tranh phòng chống ma tuý",
        "triệt phá đường dây mua bán trái phép chất ma tuý",
        "phong-chong-ma-tuy",
    ),
    (
        "kiềm chế tai nạn giao thông",
        "xử lý vi phạm, kéo giảm tai nạn giao thông",
        "an-toan-giao-thong",
    ),
    (
        "phong trào thi đua Vì an ninh Tổ quốc",
        "đẩy mạnh phong trào thi đua trong toàn lực lượng",
        "thi-dua-khen-thuong",
    ),
    (
        "phòng cháy chữa cháy",
        "kiểm tra an toàn phòng cháy chữa cháy tại khu dân cư",
        "an-ninh-trat-tu",
    ),
    (
        "cải cách hành chính",
        "đẩy mạnh cải cách thủ tục hành chính, cấp căn cước",
        "tin-tuc-su-kien",
    ),
    (
        "phòng chống tội phạm công nghệ cao",
        "cảnh báo thủ đoạn lừa đảo qua mạng",
        "an-ninh-trat-tu",
    ),
    (
        "xây dựng lực lượng",
        "xây dựng lực lượng trong sạch, vững mạnh",
        "xay-dung-luc-luong",
    ),
    (
        "sơ kết 6 tháng",
        "sơ kết công tác 6 tháng đầu năm, triển khai nhiệm vụ",
        "thi-dua-khen-thuong",
    ),
    (
        "tổng kết năm",
        "tổng kết công tác năm và phát động thi đua",
        "thi-dua-khen-thuong",
    ),
    (
        "ký kết giao ước thi đua",
        "ký kết giao ước thi đua giữa các đơn vị trong Cụm",
        "thi-dua-khen-thuong",
    ),
    (
        "tuần tra kiểm soát",
        "tăng cường tuần tra kiểm soát ban đêm",
        "an-toan-giao-thong",
    ),
    (
        "phòng chống buôn lậu",
        "bắt giữ phương tiện vận chuyển hàng lậu qua biên giới",
        "an-ninh-trat-tu",
    ),
    (
        "bảo vệ môi trường",
        "xử lý vi phạm pháp luật về môi trường",
        "tin-tuc-su-kien",
    ),
    (
        "chuyển đổi số",
        "ứng dụng dữ liệu dân cư trong giải quyết thủ tục",
        "tin-tuc-su-kien",
    ),
    (
        "công tác dân vận",
        "xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc",
        "xay-dung-luc-luong",
    ),
]
# Tags beyond one per topic and one per province.
TAGS = [
    "Cụm thi đua số 5",
    "Vì an ninh Tổ quốc",
    "Cao điểm",
    "Công an xã",
    "Lừa đảo trực tuyến",
    "Khen thưởng",
    "Đại hội Đảng",
    "Đền ơn đáp nghĩa",
    "Tin nóng",
    "Gương người tốt",
]
HEADINGS = [
    "Nhiều cách làm mới",
    "Kết quả nổi bật",
    "Nhiệm vụ thời gian tới",
    "Phối hợp chặt chẽ với cơ sở",
    "Những khó khăn cần tháo gỡ",
    "Bài học kinh nghiệm",
]
QUOTES = [
    "Chủ động, nêu gương, kỷ cương, trách nhiệm, hiệu quả.",
    "Bám cơ sở, sát địa bàn, gần dân, hiểu dân.",
    "Không có vùng cấm, không có ngoại lệ.",
    "Lấy sự hài lòng của người dân làm thước đo.",
]
LIST_ITEMS = [
    "Tỷ lệ điều tra khám phá án đạt trên 80%.",
    "Không để xảy ra cháy nổ lớn trên địa bàn.",
    "Số vụ tai nạn giao thông giảm so với cùng kỳ.",
    "Nhiều mô hình tự quản được nhân rộng ở khu dân cư.",
    "Tỷ lệ cán bộ chiến sĩ vi phạm kỷ luật ở mức thấp.",
    "Hoàn thành cấp căn cước cho người dân đúng hạn.",
    "Tiếp nhận, xử lý kịp thời tin báo, tố giác tội phạm.",
]
# Sentences shared by every province and topic: what police news says every day.
COMMON = [
    "Các đơn vị nghiệp vụ phối hợp chặt chẽ với chính quyền cơ sở, nắm chắc tình hình, "
    "giải quyết kịp thời các vụ việc phát sinh ngay từ khi mới manh nha.",
    "Lực lượng Công an xã, phường được bố trí về cơ sở, thường xuyên đi tuần, tiếp xúc "
    "người dân, lắng nghe tâm tư, nguyện vọng và tiếp nhận tin báo.",
    "Trong thời gian tới, đơn vị tiếp tục rà soát, bổ sung phương án, chủ động phòng ngừa, "
    "không để bị động, bất ngờ trong mọi tình huống.",
    "Người dân khi phát hiện dấu hiệu vi phạm pháp luật được đề nghị báo ngay cho cơ quan "
    "Công an gần nhất hoặc gọi đường dây nóng để được hỗ trợ kịp thời.",
    "Kết quả này là minh chứng cho sự vào cuộc quyết liệt của cả hệ thống chính trị và sự "
    "đồng lòng của nhân dân trên địa bàn.",
    "Đợt cao điểm được triển khai đồng loạt, có kiểm tra, đánh giá kết quả từng tuần, biểu "
    "dương kịp thời những tập thể, cá nhân làm tốt.",
]
