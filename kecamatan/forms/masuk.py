from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Nama pengguna atau kata sandi salah. Periksa kembali; huruf besar dan kecil dibedakan.",
        "inactive": "Akun ini tidak aktif. Hubungi admin kabupaten.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Nama pengguna"
        self.fields["password"].label = "Kata sandi"
