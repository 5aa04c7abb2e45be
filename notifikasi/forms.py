from django import forms


class PreferensiForm(forms.Form):
    email_aktif = forms.BooleanField(
        label="Kirim notifikasi juga ke email saya",
        required=False,
        help_text="Notifikasi di aplikasi (ikon lonceng) tetap ada walau email dimatikan.",
    )
