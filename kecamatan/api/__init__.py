"""The kecamatan app's part of the JSON API (docs/DESIGN.md §3.6): tokens, katalog, kegiatan, bukti."""
