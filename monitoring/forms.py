from django import forms
from django.utils.translation import gettext_lazy as _

from toolbox_site.validators import ControlCharactersMixin

MAX_UPLOAD = 2 * 1024 * 1024


class UploadForm(ControlCharactersMixin, forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (XLSX)"),
        help_text=_("The file you downloaded from this report, filled in. At most 2 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                _("Upload an XLSX file: the spreadsheet you downloaded from this report.")
            )
        return upload
