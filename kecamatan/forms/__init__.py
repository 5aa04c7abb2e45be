from kecamatan.forms.kegiatan import (
    BuktiForm,
    KegiatanBaruForm,
    KegiatanFilterForm,
    KegiatanForm,
    LampirkanBerkasForm,
    OutputForm,
)
from kecamatan.forms.masuk import LoginForm

__all__ = [
    "BuktiForm",
    "KegiatanBaruForm",
    "KegiatanFilterForm",
    "KegiatanForm",
    "LampirkanBerkasForm",
    "LoginForm",
    "OutputForm",
]
