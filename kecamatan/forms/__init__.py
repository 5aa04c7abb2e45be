from kecamatan.forms.kegiatan import (
    BuktiForm,
    KegiatanBaruForm,
    KegiatanFilterForm,
    KegiatanForm,
    LampirkanBerkasForm,
    OutputForm,
)
from kecamatan.forms.masuk import LoginForm, SandiBaruForm, SandiGantiForm, TokenAPIForm

__all__ = [
    "BuktiForm",
    "KegiatanBaruForm",
    "KegiatanFilterForm",
    "KegiatanForm",
    "LampirkanBerkasForm",
    "LoginForm",
    "OutputForm",
    "SandiBaruForm",
    "SandiGantiForm",
    "TokenAPIForm",
]
