"""SKM results as plain data: the shape of ``skm_report`` and of ``/api/v1/skm/`` (one code for both)."""

from skm.selectors import skm_compute


def koma(value) -> str | None:
    """A decimal with a comma, as the interface writes it; ``None`` stays ``null``."""
    return None if value is None else str(value).replace(".", ",")


def hasil_skm_dict(*, kecamatan, periode) -> dict:
    hasil = skm_compute(kecamatan=kecamatan, mulai=periode.mulai, selesai=periode.selesai).hasil
    return {
        "kecamatan": {"kode": kecamatan.kode, "nama": kecamatan.nama},
        "periode": {"mulai": periode.mulai.isoformat(), "selesai": periode.selesai.isoformat()},
        "responden": hasil.responden,
        "unsur": [{"kode": u.kode, "nama": u.nama, "nrr": koma(u.nrr_tampil)} for u in hasil.unsur],
        "ikm": koma(hasil.ikm_tampil),
        "mutu": hasil.mutu,
        "kinerja": hasil.kinerja,
    }
