from kecamatan.forms.kegiatan import BuktiForm, KegiatanFilterForm, KegiatanForm, LampirkanBerkasForm, OutputForm
from kecamatan.forms.masuk import LoginForm, SandiBaruForm, SandiGantiForm

__all__ = [
    "BuktiForm",
    "KegiatanFilterForm",
    "KegiatanForm",
    "LampirkanBerkasForm",
    "LoginForm",
    "OutputForm",
    "SandiBaruForm",
    "SandiGantiForm",
]
