"""Accessibility audit: axe-core (node_modules/axe-core, from package.json) on every page of every role.

Every named URL of the project is either in HALAMAN (opened, checked for status 200 and audited, with
the roles that use it) or in BUKAN_HALAMAN (with the reason it is not an HTML page of its own);
``test_every_named_url_is_audited_or_excused`` fails when a new URL is in neither. Any axe violation of
impact serious or critical under the WCAG 2.1 A/AA rules (and axe's best practices) fails the audit,
listing page, role, rule and element.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from desa.demo import dokumen_desa_demo_load
from indikator.demo import DEMO_PASSWORD, organisasi_demo_load
from indikator.laporan.services import laporan_sahkan
from indikator.services import dokumen_iku_prepare
from kecamatan.demo import kegiatan_demo_load
from kecamatan.models import BuktiPendukung, Kegiatan, Pejabat
from kecamatan.periode import tahunan
from skm.demo import skm_demo_load
from skm.models import RencanaTindakLanjut, Responden
from skm.services import rencana_tindak_lanjut_save
from wilayah.models import Desa, Kecamatan
from wilayah.services import wilayah_import

pytestmark = [pytest.mark.browser]

AXE_JS = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
GAGAL_PADA = {"serious", "critical"}

PUBLIK = "(publik)"
STAF, KASI, PIMPINAN = "senduro.staf", "senduro.kasi", "senduro.camat"
ADMIN_KAB, PEMERIKSA = "admin.kabupaten", "pemeriksa"
KECAMATAN = (STAF, KASI, PIMPINAN)
KABUPATEN = (ADMIN_KAB, PEMERIKSA)
SEMUA = KECAMATAN + KABUPATEN
OPERATOR = "senduro.desa.purworejo"  # docs/DESIGN.md §2.7: one desa's own page
# Opens the password reset link; never logs in during the audit, so its token stays valid.
LUPA_SANDI = "lumajang.staf"


@dataclass(frozen=True)
class Data:
    """The objects whose pages the audit opens (Senduro's, from the demo data)."""

    senduro: Kecamatan
    kegiatan: Kegiatan  # carries an output and a bukti pendukung
    kegiatan_staf: Kegiatan  # logged by the staf, no output yet: the staf may still edit it
    bukti: BuktiPendukung
    desa: Desa
    tahun_anggaran: int
    token: str
    sekcam: Pejabat  # a signing pejabat of Senduro, whose TTE certificate can be uploaded
    responden: Responden
    rtl: RencanaTindakLanjut
    reset_uid: str  # the password reset link of LUPA_SANDI
    reset_token: str
    pekerjaan: dict  # username → a running job of theirs (its status page: progress bar and step)


@dataclass(frozen=True)
class Halaman:
    peran: tuple[str, ...]
    # (data, username) → the URL's arguments
    args: Callable[[Data, str], list] = field(default=lambda d, peran: [])
    query: str = ""
    # Where the page lands when its URL redirects to itself under another address: (data) → that URL's args.
    mendarat: Callable[[Data], list] | None = None


# Every HTML page, by URL name. A new page: add it here with the roles that open it.
HALAMAN = {
    "login": Halaman(peran=(PUBLIK,)),
    "laporan:verifikasi": Halaman(peran=(PUBLIK,), args=lambda d, p: [d.token]),
    "indikator:beranda": Halaman(peran=SEMUA),
    "indikator:dasbor-kabupaten": Halaman(peran=KABUPATEN),
    "indikator:dasbor-kecamatan": Halaman(peran=KABUPATEN, args=lambda d, p: [d.senduro.kode]),
    "indikator:target": Halaman(peran=(PIMPINAN,)),
    "indikator:akun": Halaman(peran=(*SEMUA, OPERATOR)),
    "indikator:dokumen": Halaman(peran=SEMUA),
    "indikator:dokumen-kecamatan": Halaman(peran=KABUPATEN, args=lambda d, p: [d.senduro.kode]),
    "kecamatan:katalog": Halaman(peran=SEMUA),
    "pekerjaan:status": Halaman(peran=SEMUA, args=lambda d, p: [d.pekerjaan[p]]),
    "kecamatan:profil": Halaman(peran=SEMUA),
    "kecamatan:profil-kecamatan": Halaman(peran=KABUPATEN, args=lambda d, p: [d.senduro.kode]),
    "kecamatan:kegiatan-list": Halaman(peran=SEMUA),
    "kecamatan:kegiatan-perlu-tindak-lanjut": Halaman(peran=SEMUA),
    "kecamatan:kegiatan-create": Halaman(peran=(STAF, KASI)),
    "kecamatan:kegiatan-detail": Halaman(peran=SEMUA, args=lambda d, p: [d.kegiatan.pk]),
    "kecamatan:kegiatan-update": Halaman(
        peran=(STAF, KASI), args=lambda d, p: [d.kegiatan_staf.pk if p == STAF else d.kegiatan.pk]
    ),
    "kecamatan:bukti-remove": Halaman(peran=(KASI,), args=lambda d, p: [d.kegiatan.pk, d.bukti.pk]),
    "desa:dokumen": Halaman(peran=SEMUA),
    "desa:dokumen-kecamatan": Halaman(peran=KABUPATEN, args=lambda d, p: [d.senduro.kode]),
    "desa:sel": Halaman(peran=(KASI, PIMPINAN), args=lambda d, p: [d.desa.pk, "rkpdes", d.tahun_anggaran]),
    "desa:tenggat": Halaman(peran=SEMUA),
    "desa:operator": Halaman(peran=(OPERATOR,)),
    "desa:ajukan": Halaman(peran=(OPERATOR,), args=lambda d, p: ["rkpdes", d.tahun_anggaran]),
    "desa:rekap-operator": Halaman(peran=KABUPATEN),
    "desa:operator-kelola": Halaman(peran=(PIMPINAN, ADMIN_KAB)),
    "notifikasi:daftar": Halaman(peran=(*SEMUA, OPERATOR)),
    "notifikasi:pengaturan": Halaman(peran=(*SEMUA, OPERATOR)),
    "desa:tenggat-kecamatan": Halaman(peran=KABUPATEN, args=lambda d, p: [d.senduro.kode]),
    "laporan:index": Halaman(peran=SEMUA),
    "laporan:kecamatan": Halaman(peran=KABUPATEN, args=lambda d, p: [d.senduro.kode]),
    "impor:impor": Halaman(peran=(KASI, ADMIN_KAB)),
    # The admin site is Django's own templates: its index and a list per managing role. Its change forms
    # are left out: Django's tabular inlines have unlabelled inputs and its breadcrumb links rely on
    # colour (axe: label, link-in-text-block), which only Django can fix.
    "admin:index": Halaman(peran=(PIMPINAN, ADMIN_KAB)),
    "admin:kecamatan_pejabat_changelist": Halaman(peran=(PIMPINAN,)),
    "admin:kecamatan_kegiatan_changelist": Halaman(peran=(ADMIN_KAB,)),
    "password_change": Halaman(peran=SEMUA),
    "password_change_done": Halaman(peran=SEMUA),
    # The reset pages exist only with RESET_SANDI_EMAIL (email configured): the audit turns it on.
    "password_reset": Halaman(peran=(PUBLIK,)),
    "password_reset_done": Halaman(peran=(PUBLIK,)),
    # Django moves the token into the session and redirects to …/set-password/, where the form is.
    "password_reset_confirm": Halaman(
        peran=(PUBLIK,),
        args=lambda d, p: [d.reset_uid, d.reset_token],
        mendarat=lambda d: [d.reset_uid, "set-password"],
    ),
    "password_reset_complete": Halaman(peran=(PUBLIK,)),
    "kecamatan:sertifikat": Halaman(peran=(PIMPINAN, ADMIN_KAB)),  # the admin kabupaten first chooses a kecamatan
    "kecamatan:sertifikat-kecamatan": Halaman(peran=(PIMPINAN, ADMIN_KAB), args=lambda d, p: [d.senduro.kode]),
    "kecamatan:sertifikat-unggah": Halaman(peran=(PIMPINAN, ADMIN_KAB), args=lambda d, p: [d.sekcam.pk]),
    "skm:survei": Halaman(peran=(PUBLIK,), args=lambda d, p: [d.senduro.kode]),
    "skm:terima-kasih": Halaman(peran=(PUBLIK,), args=lambda d, p: [d.senduro.kode]),
    "skm:poster": Halaman(peran=(PUBLIK,), args=lambda d, p: [d.senduro.kode]),
    "skm:publikasi": Halaman(peran=(PUBLIK,), args=lambda d, p: [d.senduro.kode]),
    "skm:hasil": Halaman(peran=KECAMATAN),  # the kasi's has the RTL form
    "skm:hasil-kecamatan": Halaman(peran=KABUPATEN, args=lambda d, p: [d.senduro.kode]),
    "skm:kertas": Halaman(peran=KECAMATAN),
    "skm:impor": Halaman(peran=KECAMATAN),
    "skm:responden": Halaman(peran=SEMUA, args=lambda d, p: [d.responden.pk]),
    "skm:rtl": Halaman(peran=SEMUA, args=lambda d, p: [d.rtl.pk]),
    # Swagger UI, from drf-spectacular-sidecar's files, under our own page frame.
    "api:docs": Halaman(peran=SEMUA),
}

# Named URLs that are not an HTML page of their own, and why.
BUKTI_BERKAS = "the scan itself (PDF or image), served as a file"
BUKAN_HALAMAN = {
    "logout": "POST only",
    "kecamatan:kegiatan-pilihan": "HTMX fragment of the kegiatan form (audited inside kegiatan-create)",
    "kecamatan:kegiatan-output": "POST only (the form is on kegiatan-detail)",
    "kecamatan:bukti-create": "POST only (the form is on kegiatan-detail)",
    "kecamatan:bukti-attach": "POST only (the form is on kegiatan-detail)",
    "kecamatan:bukti-download": BUKTI_BERKAS,
    "kecamatan:bukti-preview": BUKTI_BERKAS,
    "desa:scan": BUKTI_BERKAS,
    "desa:hapus": "POST only (the form is on desa:sel)",
    "desa:pengajuan-scan": BUKTI_BERKAS,
    "desa:pengajuan-terima": "POST only (the form is on desa:dokumen)",
    "desa:operator-aktif": "POST only (the buttons are on desa:operator-kelola)",
    "desa:pengajuan-kembalikan": "POST only (the form is on desa:dokumen)",
    "notifikasi:baca": "POST only (the form is on notifikasi:daftar)",
    "notifikasi:baca-semua": "POST only (the form is on notifikasi:daftar)",
    "laporan:capaian-pdf": "PDF",
    "laporan:capaian-xlsx": "Excel",
    "laporan:dokumen-pdf": "PDF",
    "laporan:dokumen-xlsx": "Excel",
    "laporan:sahkan": "POST only (the form is on laporan:index)",
    "laporan:capaian-pdf-kecamatan": "PDF",
    "laporan:capaian-xlsx-kecamatan": "Excel",
    "laporan:dokumen-pdf-kecamatan": "PDF",
    "laporan:dokumen-xlsx-kecamatan": "Excel",
    "laporan:sahkan-kecamatan": "POST only (the form is on laporan:kecamatan)",
    "laporan:unduh-disahkan": "PDF",
    "laporan:rekap-pdf": "PDF",
    "laporan:rekap-xlsx": "Excel",
    "pekerjaan:unduh": "the job's file (PDF or Excel)",
    "impor:templat": "Excel",
    "impor:ekspor": "Excel",
    "impor:ekspor-kecamatan": "Excel",
    "laporan:skm": "PDF or Excel (skm.pdf, skm.xlsx)",
    "laporan:skm-kecamatan": "PDF or Excel (skm.pdf, skm.xlsx)",
    "skm:rtl-simpan": "POST only (the form is on skm:hasil)",
    "indikator:token-buat": "POST only (the form is on indikator:akun; the new token is audited there)",
    "indikator:token-cabut": "POST only (the form is on indikator:akun)",
}
# The JSON API (docs/DESIGN.md §3.6): answers JSON or files, never an HTML page; its documentation is api:docs.
API_JSON = "JSON API"
BUKAN_HALAMAN |= {
    f"api:{nama}": API_JSON
    for nama in (
        "schema", "kabupaten-list", "kecamatan-list", "desa-list", "katalog", "jenis-bukti-list", "capaian",
        "laporan-list", "skm", "kegiatan-list", "kegiatan-detail", "kegiatan-output", "bukti-list", "bukti-detail",
        "dokumen-desa", "dokumen-desa-sel",
    )
}  # fmt: skip
BUKAN_HALAMAN["api:bukti-berkas"] = BUKTI_BERKAS
# The rest of the admin namespace is Django's own templates, sampled by the admin pages of HALAMAN.
NAMESPACE_DIKECUALIKAN = ("admin:",)


def _url_names(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= _url_names(pattern, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{prefix}{pattern.name}")
    return names


def test_every_named_url_is_audited_or_excused():
    names = {n for n in _url_names() if not n.startswith(NAMESPACE_DIKECUALIKAN)}
    audited = {n for n in HALAMAN if not n.startswith(NAMESPACE_DIKECUALIKAN)}
    missing = sorted(names - audited - set(BUKAN_HALAMAN))
    assert not missing, (
        "These URL names are neither audited (tests/e2e/test_aksesibilitas.py HALAMAN, with the roles "
        f"that open them) nor excused (BUKAN_HALAMAN, with the reason): {missing}"
    )
    stale = sorted((audited | set(BUKAN_HALAMAN)) - names)
    assert not stale, f"HALAMAN/BUKAN_HALAMAN name URLs that no longer exist: {stale}"
    assert not set(HALAMAN) & set(BUKAN_HALAMAN)


@pytest.fixture
def data_demo(transactional_db):
    hari_ini = timezone.localdate()
    for kode in ("35.08.12", "35.08.10"):
        dokumen_iku_prepare(kecamatan_list=wilayah_import(kode=kode).kecamatan)
    # Transactional tests flush the tables the data migration filled; put the SKM regulation's data back.
    import_module("skm.migrations.0002_data_permenpanrb_14_2017").isi(apps, None)
    organisasi_demo_load(hari_ini=hari_ini)
    kegiatan_demo_load(hari_ini=hari_ini)
    dokumen_desa_demo_load(hari_ini=hari_ini)
    skm_demo_load(hari_ini=hari_ini)
    senduro = Kecamatan.objects.get(kode="35.08.12")
    User = get_user_model()
    rtl = rencana_tindak_lanjut_save(
        user=User.objects.get(username=KASI),
        kecamatan=senduro,
        mulai=hari_ini.replace(month=1, day=1),
        selesai=hari_ini,
        unsur_kode="U1",
        rencana="Menempelkan alur dan persyaratan layanan di papan informasi.",
        penanggung_jawab="Kasi Pemerintahan",
        target_waktu="Akhir bulan ini",
    )
    _pengajuan_dan_notifikasi(senduro, hari_ini)
    lupa_sandi = User.objects.get(username=LUPA_SANDI)
    pengesahan = laporan_sahkan(
        user=get_user_model().objects.get(username=PIMPINAN),
        kecamatan=senduro,
        periode=tahunan(hari_ini.year - 1),
        hari_ini=hari_ini,
    )
    bukti = (
        BuktiPendukung.objects.filter(kegiatan__kecamatan=senduro, kegiatan__seksi__nama="Seksi Pemerintahan")
        .exclude(kegiatan__output="")
        .exclude(berkas="")
        .select_related("kegiatan")
        .order_by("pk")
        .first()
    )
    return Data(
        senduro=senduro,
        kegiatan=bukti.kegiatan,
        kegiatan_staf=Kegiatan.objects.filter(kecamatan=senduro, dibuat_oleh__username=STAF, output="")
        .order_by("pk")
        .first(),
        bukti=bukti,
        desa=Desa.objects.filter(kecamatan=senduro).order_by("kode").first(),
        tahun_anggaran=hari_ini.year + 1,
        token=pengesahan.token,
        sekcam=Pejabat.objects.get(kecamatan=senduro, jabatan=Pejabat.Jabatan.SEKRETARIS_CAMAT),
        responden=Responden.objects.filter(kecamatan=senduro).order_by("pk").first(),
        rtl=rtl,
        reset_uid=urlsafe_base64_encode(force_bytes(lupa_sandi.pk)),
        reset_token=default_token_generator.make_token(lupa_sandi),
        pekerjaan=_pekerjaan_berjalan(),
    )


def _pekerjaan_berjalan():
    """A job of each user, running (its heartbeat in the future: no stale rule during the audit)."""
    import datetime

    from pekerjaan.models import Pekerjaan

    detak = timezone.now() + datetime.timedelta(hours=1)
    return {
        user.username: Pekerjaan.objects.create(
            pemilik=user,
            jenis="laporan_capaian_pdf",
            status=Pekerjaan.Status.BERJALAN,
            langkah="Menyusun PDF (bagian terlama)",
            persen=30,
            percobaan=1,
            detak=detak,
        ).pk
        for user in get_user_model().objects.filter(username__in=SEMUA)
    }


def _pengajuan_dan_notifikasi(senduro, hari_ini):
    """A waiting submission (so the matrix shows its decision forms) and unread notifications to list."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from desa.selectors import dokumen_operator
    from desa.services import pengajuan_create
    from kecamatan.demo import demo_pdf
    from notifikasi.models import Notifikasi

    operator = get_user_model().objects.get(username=OPERATOR)
    desa = operator.keanggotaan.desa
    kosong = next(d for ta in dokumen_operator(desa=desa, as_of=hari_ini) for d in ta.dokumen if d.boleh_ajukan)
    pengajuan_create(
        user=operator, desa=desa, jenis=kosong.wajib.jenis, tahun_anggaran=kosong.wajib.tahun_anggaran,
        tanggal=hari_ini, nomor="140/3/2026", berkas=SimpleUploadedFile("dokumen.pdf", demo_pdf("Dokumen desa")),
        hari_ini=hari_ini,
    )  # fmt: skip
    for user in get_user_model().objects.filter(username__in=[*SEMUA, OPERATOR]):
        Notifikasi.objects.create(
            penerima=user, jenis="pengingat", kunci="audit", judul="LPPDes TA 2025: tenggat 31 Maret 2026, 7 hari lagi",
            isi="Desa Purworejo belum menyampaikan LPPDes TA 2025 kepada kecamatan.", url=reverse("desa:tenggat"),
        )  # fmt: skip


def audit_axe(page) -> list[dict]:
    """axe-core's serious and critical violations on the page as it stands (the script is already in it)."""
    hasil = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), impact: n.impact, summary: n.failureSummary})),
            }));
        }""",
        AXE_TAGS,
    )
    return [v for v in hasil if v["impact"] in GAGAL_PADA]


def format_temuan(temuan: list[tuple[str, str, dict]]) -> str:
    """One line per element: page, role, rule, impact, target and what axe says is wrong."""
    baris = []
    for url, peran, violation in temuan:
        for node in violation["nodes"]:
            alasan = " ".join((node["summary"] or "").split())
            baris.append(
                f"{url} [{peran}] {violation['id']} ({node['impact'] or violation['impact']}): "
                f"{node['target']} — {violation['help']}. {alasan}"
            )
    return "\n".join(baris)


def new_context(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="id-ID", timezone_id="Asia/Jakarta")
    context.set_default_timeout(15_000)
    # An init script runs in every page the context opens, before the page's own scripts and
    # outside its Content-Security-Policy (which forbids inline scripts).
    context.add_init_script(path=str(AXE_JS))
    return context


def masuk(page, username):
    page.goto(reverse("login"))
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state("networkidle")
    assert "/masuk/" not in page.url, f"{username} could not log in"


def _keadaan_lain(page, peran):
    """States that are not a URL of their own: (label, status expected, action that brings the page there)."""
    if peran == PUBLIK:

        def login_salah():
            page.goto(reverse("login"))
            page.get_by_label("Nama pengguna").fill(STAF)
            page.get_by_label("Kata sandi").fill("bukan-sandinya")
            page.get_by_role("button", name="Masuk").click()
            page.wait_for_load_state("networkidle")

        return [
            ("login, kata sandi salah", login_salah),
            ("reset sandi, tautan tidak sah", lambda: page.goto(reverse("password_reset_confirm", args=["MQ", "x-y"]))),
        ]
    if peran == STAF:

        def token_baru():
            page.goto(reverse("indikator:akun"))
            page.get_by_label("Nama token").fill("Aplikasi lapangan")
            page.get_by_role("button", name="Buat token API").click()
            page.wait_for_load_state("networkidle")
            assert page.get_by_label("Token", exact=True).input_value().startswith("iku_")

        return [
            ("akun, token API baru ditampilkan sekali", token_baru),
            ("403 (staf membuka target)", lambda: page.goto(reverse("indikator:target"))),
            ("404", lambda: page.goto("/kegiatan/999999999/")),
        ]
    return []


@pytest.mark.django_db(transaction=True)
def test_axe_finds_no_serious_or_critical_violation_on_any_page_of_any_role(data_demo, browser, live_server, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.RESET_SANDI_EMAIL = True  # the password reset pages (and the login's link to them) are on
    assert AXE_JS.exists(), f"{AXE_JS} is missing: run npm ci (axe-core is in package.json)"
    # role → [(URL, where it lands)]
    halaman_per_peran: dict[str, list[tuple[str, str]]] = {}
    for nama, halaman in HALAMAN.items():
        for peran in halaman.peran:
            url = reverse(nama, args=halaman.args(data_demo, peran)) + halaman.query
            mendarat = reverse(nama, args=halaman.mendarat(data_demo)) if halaman.mendarat else url
            halaman_per_peran.setdefault(peran, []).append((url, mendarat))
    tanpa_peran = get_user_model().objects.create_user(username="tanpa.peran", password=DEMO_PASSWORD)
    halaman_per_peran[tanpa_peran.username] = [(reverse("indikator:beranda"),) * 2]

    temuan, salah_status, diaudit = [], [], 0
    for peran, urls in halaman_per_peran.items():
        context = new_context(browser, live_server)
        page = context.new_page()
        try:
            if peran != PUBLIK:
                masuk(page, peran)
            for url, mendarat in urls:
                response = page.goto(url)
                harapan = 403 if peran == tanpa_peran.username else 200
                if response.status != harapan or page.url != live_server.url + mendarat:
                    salah_status.append(f"{url} [{peran}]: status {response.status}, at {page.url}")
                    continue
                temuan += [(url, peran, v) for v in audit_axe(page)]
                diaudit += 1
            for label, aksi in _keadaan_lain(page, peran):
                aksi()
                temuan += [(f"{page.url} ({label})", peran, v) for v in audit_axe(page)]
                diaudit += 1
        finally:
            context.close()

    assert not salah_status, "Pages of the audit that did not open for their role:\n" + "\n".join(salah_status)
    assert diaudit > len(HALAMAN)
    assert not temuan, (
        f"axe-core {AXE_TAGS}: serious/critical violations on {len({t[0] for t in temuan})} page(s):\n"
        + format_temuan(temuan)
    )
