"""Why an import was refused, in words a reporter understands."""


class ImportRefused(Exception):
    """The input cannot be imported; ``message`` is shown to the reporter as is."""

    code = "refused"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InputTooLarge(ImportRefused):
    code = "too_large"


class NotADocx(ImportRefused):
    code = "not_docx"


class EncryptedDocx(ImportRefused):
    code = "encrypted"


class CorruptDocx(ImportRefused):
    code = "corrupt"
