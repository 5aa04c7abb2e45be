"""The document matrix as an XLSX workbook (through the one writer, ``iku_project.spreadsheet``)."""

from django.template.defaultfilters import date as format_date
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from desa.selectors import MatriksDokumen
from desa.tenggat import StatusDokumen
from iku_project.spreadsheet import FORMAT_TANGGAL, cetak_area, cetak_siapkan, lebar_kolom, simpan, workbook
from iku_project.spreadsheet import tulis as _tulis

WARNA_STATUS = {
    StatusDokumen.TEPAT_WAKTU: "D1E7DD",
    StatusDokumen.TERLAMBAT: "FFF3CD",
    StatusDokumen.BELUM_ADA: "F8D7DA",
    StatusDokumen.BELUM_JATUH_TEMPO: "E2E3E5",
}


def matriks_xlsx(matriks: MatriksDokumen) -> bytes:
    # Not streamed: the two-row header and the totals are merged cells.
    wb = workbook(write_only=False)
    ws = wb.active
    ws.title = f"Dokumen desa {matriks.tahun}"
    kecamatan = matriks.kecamatan
    tebal = Font(bold=True)
    garis = Side(style="thin", color="999999")
    kotak = Border(left=garis, right=garis, top=garis, bottom=garis)
    tengah = Alignment(horizontal="center", vertical="center", wrap_text=True)
    lebar_total = 3 + 3 * len(matriks.kolom)

    _tulis(ws, 1, 1, "Dokumen administrasi pemerintahan desa (IKU 2)", font=Font(bold=True, size=14))
    _tulis(
        ws,
        2,
        1,
        f"Kecamatan {kecamatan.nama}, {kecamatan.kabupaten.nama} — tahun pengukuran {matriks.tahun} "
        f"(basis: {matriks.basis_label.lower()})",
    )
    _tulis(ws, 3, 1, f"Status per {format_date(matriks.as_of, 'j F Y')}")
    for row in (1, 2, 3):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=lebar_total)

    header1, header2 = 5, 6
    for column, judul in enumerate(["No.", "Kode", "Desa"], start=1):
        _tulis(ws, header1, column, judul, font=tebal, alignment=tengah, border=kotak)
        ws.merge_cells(start_row=header1, start_column=column, end_row=header2, end_column=column)
    for index, kolom in enumerate(matriks.kolom):
        first = 4 + 3 * index
        wajib = kolom.wajib
        _tulis(
            ws,
            header1,
            first,
            f"{wajib.label} (tenggat {format_date(wajib.tenggat, 'j F Y')})",
            font=tebal,
            alignment=tengah,
            border=kotak,
        )
        ws.merge_cells(start_row=header1, start_column=first, end_row=header1, end_column=first + 2)
        for offset, judul in enumerate(["Tanggal", "Nomor", "Status"]):
            _tulis(ws, header2, first + offset, judul, font=tebal, alignment=tengah, border=kotak)

    row = header2
    for nomor, baris in enumerate(matriks.baris, start=1):
        row += 1
        _tulis(ws, row, 1, nomor, border=kotak)
        _tulis(ws, row, 2, baris.desa.kode, border=kotak)
        _tulis(ws, row, 3, baris.desa.nama, border=kotak)
        for index, sel in enumerate(baris.sel):
            first = 4 + 3 * index
            dokumen = sel.dokumen
            tanggal = _tulis(ws, row, first, dokumen.tanggal if dokumen else None, border=kotak)
            tanggal.number_format = FORMAT_TANGGAL
            _tulis(ws, row, first + 1, dokumen.nomor if dokumen else None, border=kotak)
            _tulis(
                ws,
                row,
                first + 2,
                sel.status.label,
                border=kotak,
                fill=PatternFill("solid", fgColor=WARNA_STATUS[sel.status]),
            )

    row += 1
    if matriks.berlaku:
        _tulis(ws, row, 3, "Tepat waktu", font=tebal)
        for index, kolom in enumerate(matriks.kolom):
            first = 4 + 3 * index
            _tulis(ws, row, first, f"{kolom.tepat_waktu} dari {matriks.jumlah_desa} desa tepat waktu", font=tebal)
            ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=first + 2)
    else:
        _tulis(ws, row, 1, "IKU 2 tidak berlaku: kecamatan ini tidak memiliki desa.", font=tebal)

    if matriks.kelurahan:
        row += 2
        _tulis(ws, row, 1, "Kelurahan (tidak wajib menyusun RKPDes, APBDes dan LPPDes; tidak dihitung):", font=tebal)
        for kelurahan in matriks.kelurahan:
            row += 1
            _tulis(ws, row, 2, kelurahan.kode)
            _tulis(ws, row, 3, kelurahan.nama)

    lebar_kolom(ws, [6, 16, 28] + [13, 22, 18] * len(matriks.kolom))
    ws.freeze_panes = ws.cell(row=header2 + 1, column=4)
    cetak_siapkan(ws, lanskap=True, baris_judul=f"{header1}:{header2}")
    cetak_area(ws, kolom=lebar_total)
    return simpan(wb)
