"""The OpenAPI schema's shared error answers (docs/DESIGN.md §3.6), added to every operation.

drf-spectacular documents the success answers each view declares; the errors come from one
exception handler (``iku_project/api/errors.py``) for every view, so they are described once here.
"""

GALAT = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "Penjelasan dalam Bahasa Indonesia."}},
    "required": ["detail"],
}
GALAT_VALIDASI = {
    "type": "object",
    "description": "Per isian, daftar pesan dalam Bahasa Indonesia; `non_field_errors` untuk permintaan secara "
    "keseluruhan. Isi permintaan yang tidak dapat dibaca dijawab dengan `detail`.",
    "additionalProperties": {"oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]},
}

JAWABAN_GALAT = {
    "400": ("Permintaan ditolak; pesannya per isian.", "GalatValidasi"),
    "401": ("Token API tidak ada, salah, kedaluwarsa atau dicabut.", "Galat"),
    "403": ("Peran Anda tidak diizinkan melakukan ini.", "Galat"),
    "404": ("Tidak ditemukan, atau di luar wilayah Anda.", "Galat"),
    "429": ("Terlalu banyak permintaan dengan token ini; coba lagi sebentar lagi.", "Galat"),
}
JAWABAN_GALAT_TULIS = {
    "415": ("Jenis isi permintaan tidak didukung.", "Galat"),
    "412": ("ETag usang: objek telah diubah orang lain.", "Galat"),
    "428": ("Header If-Match wajib.", "Galat"),
}


def _jawaban(deskripsi, skema):
    return {
        "description": deskripsi,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{skema}"}}},
    }


def jawaban_galat(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {}).update(
        {"Galat": GALAT, "GalatValidasi": GALAT_VALIDASI}
    )
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            galat = JAWABAN_GALAT | (JAWABAN_GALAT_TULIS if method in ("post", "put", "patch") else {})
            for kode, (deskripsi, skema) in galat.items():
                if kode not in responses or "content" not in responses[kode]:
                    responses[kode] = _jawaban(responses.get(kode, {}).get("description", deskripsi), skema)
    return result
