from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Nama pengguna atau kata sandi salah. Periksa kembali; huruf besar dan kecil dibedakan.",
        "inactive": "Akun ini tidak aktif. Hubungi admin kabupaten.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Nama pengguna"
        self.fields["password"].label = "Kata sandi"


class SandiGantiForm(PasswordChangeForm):
    """Django's form, worded like the login page ("kata sandi", not Django's "sandi")."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "Kata sandi lama salah. Masukkan lagi.",
        "password_mismatch": "Kedua kata sandi baru tidak sama.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label_sandi_baru(self)
        self.fields["old_password"].label = "Kata sandi lama"


class SandiBaruForm(SetPasswordForm):
    error_messages = {**SetPasswordForm.error_messages, "password_mismatch": "Kedua kata sandi baru tidak sama."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label_sandi_baru(self)


def _label_sandi_baru(form):
    form.fields["new_password1"].label = "Kata sandi baru"
    form.fields["new_password2"].label = "Ulangi kata sandi baru"


class TokenAPIForm(forms.Form):
    """A new personal API token on the account page (docs/DESIGN.md §3.6)."""

    PILIHAN_HARI = [(30, "30 hari"), (90, "90 hari"), (180, "180 hari"), (365, "1 tahun")]

    nama = forms.CharField(
        label="Nama token",
        max_length=100,
        help_text="Untuk apa token ini dipakai, misalnya “e-SAKIP Bagian Organisasi”.",
    )
    berlaku_hari = forms.TypedChoiceField(
        label="Berlaku selama", choices=PILIHAN_HARI, coerce=int, widget=forms.Select(attrs={"class": "form-select"})
    )
