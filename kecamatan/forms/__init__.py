from kecamatan.forms.kegiatan import BuktiForm, KegiatanFilterForm, KegiatanForm, OutputForm
from kecamatan.forms.masuk import LoginForm

__all__ = ["BuktiForm", "KegiatanFilterForm", "KegiatanForm", "LoginForm", "OutputForm"]
