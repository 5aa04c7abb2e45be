"""The regulation's reference data: the nine unsur, the example questionnaire and the mutu bands.

Source: Peraturan Menteri PANRB Nomor 14 Tahun 2017, Lampiran (contoh kuesioner
and the table of nilai persepsi, interval IKM, mutu and kinerja). The example
questionnaire asks about sarana before pengaduan; here each question sits under
its own unsur (U8 pengaduan, U9 sarana) as docs/DESIGN.md §2.6 numbers them.
"""

UNSUR = [
    ("U1", "Persyaratan"),
    ("U2", "Sistem, mekanisme dan prosedur"),
    ("U3", "Waktu penyelesaian"),
    ("U4", "Biaya/tarif"),
    ("U5", "Produk spesifikasi jenis pelayanan"),
    ("U6", "Kompetensi pelaksana"),
    ("U7", "Perilaku pelaksana"),
    ("U8", "Penanganan pengaduan, saran dan masukan"),
    ("U9", "Sarana dan prasarana"),
]

# (unsur, question, answers valued 1, 2, 3, 4)
PERTANYAAN = [
    (
        "U1",
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    (
        "U2",
        "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    ),
    (
        "U3",
        "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
        ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    ),
    (
        "U4",
        "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
        ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    ),
    (
        "U5",
        "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar "
        "pelayanan dengan hasil yang diberikan?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    (
        "U6",
        "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
        ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    ),
    (
        "U7",
        "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
        ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"),
    ),
    (
        "U8",
        "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
        ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"),
    ),
    (
        "U9",
        "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
        ("Buruk", "Cukup", "Baik", "Sangat baik"),
    ),
]

# (mutu, kinerja, lower and upper bound of the IKM rounded to 2 decimals)
INTERVAL_MUTU = [
    ("A", "Sangat Baik", "88.31", "100.00"),
    ("B", "Baik", "76.61", "88.30"),
    ("C", "Kurang Baik", "65.00", "76.60"),
    ("D", "Tidak Baik", "25.00", "64.99"),
]
