"""Loading the fasilitasi catalogue transcribed from the Senduro IKU (data/katalog.json)."""

import json
from pathlib import Path

KATALOG_PATH = Path(__file__).resolve().parent / "data" / "katalog.json"


def read_katalog() -> dict:
    with KATALOG_PATH.open(encoding="utf-8") as handle:
        return json.load(handle)


def _uraian_defaults(uraian: dict, uraian_model) -> dict:
    butir = uraian.get("rincian_output", [])
    if not any(f.name == "rincian_output" for f in uraian_model._meta.get_fields()):
        # The historical model of migration 0002, before 0004 added the sub-items: the flattened
        # text it stored then, which 0004 splits again.
        output = f"{uraian['output']}: {', '.join(butir)}" if butir else uraian["output"]
        return {"teks": uraian["teks"], "output": output}
    return {"teks": uraian["teks"], "output": uraian["output"], "rincian_output": "\n".join(butir)}


def load_katalog(*, jenis_kegiatan_model, uraian_model, jenis_bukti_model) -> None:
    """Create the catalogue entries that are missing; never overwrite an existing one.

    Takes the model classes so that a data migration can pass its historical
    models. Entries an admin has edited keep the admin's text.
    """
    data = read_katalog()
    for bukti in data["jenis_bukti"]:
        jenis_bukti_model.objects.get_or_create(
            kode=bukti["kode"], defaults={"nama": bukti["nama"], "urutan": bukti["urutan"]}
        )
    for kategori in data["kategori"]:
        for jenis in kategori["jenis"]:
            jenis_obj, _ = jenis_kegiatan_model.objects.get_or_create(
                kategori=kategori["kode"], nomor=jenis["nomor"], defaults={"nama": jenis["nama"]}
            )
            for uraian in jenis["uraian"]:
                uraian_model.objects.get_or_create(
                    jenis=jenis_obj, nomor=uraian["nomor"], defaults=_uraian_defaults(uraian, uraian_model)
                )
