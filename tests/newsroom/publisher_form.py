"""What the publisher settings form posts when the user changes nothing but what a test says."""

from newsroom import theme

FIELDS = {
    "site_name": "Cổng thông tin điện tử Công an tỉnh Hà Tĩnh",
    "governing_body": "Công an tỉnh Hà Tĩnh",
    "responsible_person": "",
    "licence": "",
    "hotline": "0239 3855 113",
    "address": "",
    "phone": "",
    "email": "",
    "footer_note": "",
    **theme.DEFAULTS,
}
