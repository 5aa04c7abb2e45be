from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from iku_project.klien import alamat_klien
from kecamatan import akses
from kecamatan.admin_scope import PeranAdminMixin, PeranHistoryAdmin, PeranInlineMixin
from kecamatan.models import (
    BuktiPendukung,
    JenisBukti,
    JenisKegiatan,
    Keanggotaan,
    Kegiatan,
    Pejabat,
    Peran,
    Seksi,
    TokenAPI,
    UraianAktivitas,
)
from kecamatan.models.akses import keanggotaan_lingkup_validate
from kecamatan.nip import format_nip
from kecamatan.services import katalog_aktif_set, pengguna_wajib_ganti_sandi, token_api_revoke_by_admin
from wilayah.models import Kabupaten, Kecamatan, Provinsi

User = get_user_model()


# permissions=["change"]: only a role that may change the catalogue (admin_kabupaten) is offered
# these actions, and Django ignores a forged POST naming an action it did not offer; the service
# checks the role again and records each change in the catalogue's history.
@admin.action(description="Pensiunkan (tidak bisa dipilih lagi; kegiatan lama tetap utuh)", permissions=["change"])
def pensiunkan(modeladmin, request, queryset):
    jumlah = katalog_aktif_set(user=request.user, entri=queryset, aktif=False)
    modeladmin.message_user(request, f"{jumlah} entri dipensiunkan.", messages.SUCCESS)


@admin.action(description="Aktifkan kembali", permissions=["change"])
def aktifkan(modeladmin, request, queryset):
    jumlah = katalog_aktif_set(user=request.user, entri=queryset, aktif=True)
    modeladmin.message_user(request, f"{jumlah} entri diaktifkan kembali.", messages.SUCCESS)


class KatalogAdmin(PeranHistoryAdmin):
    """The catalogue is shared by all kecamatan; every logged-in admin may read it."""

    kecamatan_lookup = None
    peran_baca = akses.PERAN_ADMIN
    actions = [pensiunkan, aktifkan]


class UraianInline(PeranInlineMixin, admin.TabularInline):
    model = UraianAktivitas
    extra = 0
    fields = ["nomor", "teks", "output", "rincian_output", "aktif"]
    peran_baca = akses.PERAN_ADMIN
    formfield_overrides = {
        UraianAktivitas._meta.get_field("teks").__class__: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 50})}
    }


@admin.register(JenisKegiatan)
class JenisKegiatanAdmin(KatalogAdmin):
    list_display = ["kategori", "nomor", "nama", "jumlah_uraian", "aktif"]
    list_display_links = ["nomor", "nama"]
    list_filter = ["kategori", "aktif"]
    search_fields = ["nama", "uraian__teks", "uraian__output"]
    ordering = ["kategori", "nomor"]
    inlines = [UraianInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("uraian")

    @admin.display(description="uraian")
    def jumlah_uraian(self, obj):
        return len(obj.uraian.all())


@admin.register(UraianAktivitas)
class UraianAktivitasAdmin(KatalogAdmin):
    list_display = ["jenis_ringkas", "nomor", "teks", "output", "aktif"]
    list_display_links = ["nomor", "teks"]
    list_filter = ["jenis__kategori", "aktif"]
    search_fields = ["teks", "output", "jenis__nama"]
    list_select_related = ["jenis"]

    @admin.display(description="jenis", ordering="jenis")
    def jenis_ringkas(self, obj):
        # The full jenis name (up to 200 characters, unwrapped) pushed the uraian off screen.
        jenis = obj.jenis
        return format_html(
            '<span title="{}">{} {}. {}</span>',
            jenis.nama,
            jenis.get_kategori_display(),
            jenis.nomor,
            Truncator(jenis.nama).chars(40),
        )


@admin.register(JenisBukti)
class JenisBuktiAdmin(KatalogAdmin):
    list_display = ["urutan", "nama", "kode", "aktif"]
    list_display_links = ["nama"]


@admin.register(Provinsi)
class ProvinsiAdmin(PeranAdminMixin, admin.ModelAdmin):
    kecamatan_lookup = "kabupaten__kecamatan"
    list_display = ["kode", "nama"]
    search_fields = ["kode", "nama"]

    def get_queryset(self, request):
        return super().get_queryset(request).distinct()

    def has_add_permission(self, request, *args):
        # Regions come from the Kepmendagri codes (import_wilayah), not by hand.
        return request.user.is_superuser


@admin.register(Kabupaten)
class KabupatenAdmin(ProvinsiAdmin):
    kecamatan_lookup = "kecamatan"
    list_display = ["kode", "nama", "provinsi"]
    list_select_related = ["provinsi"]


class SeksiInline(PeranInlineMixin, admin.TabularInline):
    model = Seksi
    extra = 0
    fields = ["urutan", "jenis", "nama", "aktif"]


@admin.register(Kecamatan)
class KecamatanAdmin(PeranAdminMixin, admin.ModelAdmin):
    kecamatan_lookup = "pk"
    peran_baca = akses.PERAN_ADMIN
    list_display = ["kode", "nama", "kabupaten"]
    list_filter = ["kabupaten"]
    search_fields = ["kode", "nama"]
    list_select_related = ["kabupaten"]
    fields = ["kode", "nama", "kabupaten", "tugas", "fungsi", "tempat_penandatanganan"]
    inlines = [SeksiInline]

    def get_queryset(self, request):
        queryset = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return queryset
        from kecamatan.akses import kecamatan_scope

        return queryset.filter(pk__in=kecamatan_scope(request.user))

    def get_readonly_fields(self, request, obj=None):
        # Codes and names follow the Kepmendagri data; pimpinan edit only their profile texts.
        if request.user.is_superuser:
            return []
        if self._peran(request) == Peran.PIMPINAN:
            return ["kode", "nama", "kabupaten"]
        return ["kode", "kabupaten"] if obj else []

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser or self._peran(request) in akses.PERAN_ADMIN


class PejabatForm(forms.ModelForm):
    class Meta:
        model = Pejabat
        fields = ["kecamatan", "nama", "nip", "pangkat_golongan", "jabatan", "seksi", "status", "mulai", "selesai"]
        help_texts = {"nip": "18 angka, boleh diketik dengan spasi: 19681114 199003 1 004."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # People type the NIP grouped with spaces; the length rule applies to
        # the 18 digits, checked by the model after clean_nip normalises it.
        self.fields["nip"].max_length = 24
        self.fields["nip"].validators = []
        self.fields["nip"].widget.attrs["maxlength"] = 24
        if self.instance.pk:
            self.initial["nip"] = format_nip(self.instance.nip)

    def clean_nip(self):
        from kecamatan.nip import normalize_nip

        return normalize_nip(self.cleaned_data["nip"])


@admin.register(Pejabat)
class PejabatAdmin(PeranAdminMixin, admin.ModelAdmin):
    form = PejabatForm
    peran_baca = akses.PERAN_ADMIN
    peran_tulis = akses.PERAN_ADMIN
    list_display = ["nama", "nip_tampil", "jabatan", "status", "kecamatan", "mulai", "selesai"]
    list_filter = ["jabatan", "status", "kecamatan"]
    search_fields = ["nama", "nip"]
    list_select_related = ["kecamatan"]

    @admin.display(description="NIP")
    def nip_tampil(self, obj):
        return obj.nip_tampil


@admin.register(Seksi)
class SeksiAdmin(PeranAdminMixin, admin.ModelAdmin):
    peran_baca = akses.PERAN_ADMIN
    peran_tulis = akses.PERAN_ADMIN
    list_display = ["nama", "jenis", "kecamatan", "urutan", "aktif"]
    list_filter = ["jenis", "kecamatan", "aktif"]
    list_select_related = ["kecamatan"]


class KeanggotaanInline(PeranInlineMixin, admin.StackedInline):
    # The mixin as a base class: called unbound from a plain inline, its super() raised a
    # TypeError (a 500 on the user add page), and Django's model permissions hid the role
    # from the admin kabupaten.
    model = Keanggotaan
    can_delete = False
    fields = ["peran", "kecamatan", "kabupaten", "desa", "seksi"]


class KeanggotaanForm(forms.ModelForm):
    class Meta:
        model = Keanggotaan
        fields = ["peran", "kecamatan", "kabupaten", "desa", "seksi"]

    def clean(self):
        data = super().clean()
        peran = data.get("peran")
        if peran != Peran.OPERATOR_DESA:
            data["desa"] = None
        if peran == Peran.OPERATOR_DESA:
            # docs/DESIGN.md §2.7: the desa decides the kecamatan; the desa list is already the admin's scope.
            desa = data.get("desa")
            try:
                keanggotaan_lingkup_validate(peran=peran, kecamatan_id=None, desa=desa)
            except ValidationError as exc:
                self.add_error(None, exc)
                return data
            data["kecamatan"], data["kabupaten"], data["seksi"] = desa.kecamatan, None, None
        elif peran in akses.PERAN_KECAMATAN:
            if not data.get("kecamatan"):
                self.add_error("kecamatan", "Peran ini harus terikat pada satu kecamatan.")
            data["kabupaten"] = None
        elif peran in akses.PERAN_KABUPATEN:
            if not data.get("kabupaten"):
                self.add_error("kabupaten", "Peran ini harus terikat pada satu kabupaten.")
            data["kecamatan"] = None
            data["seksi"] = None
        seksi = data.get("seksi")
        if seksi and data.get("kecamatan") and seksi.kecamatan_id != data["kecamatan"].pk:
            self.add_error("seksi", "Seksi harus milik kecamatan yang sama.")
        return data


KeanggotaanInline.form = KeanggotaanForm


class PenggunaAdmin(PeranAdminMixin, UserAdmin):
    """Users of the admin's kabupaten; no one but a superuser hands out superuser rights."""

    kecamatan_lookup = None
    mengubah_data = False  # accounts and roles appear in no figure or report
    inlines = [KeanggotaanInline]
    list_display = ["username", "first_name", "last_name", "peran", "lingkup", "is_active"]
    list_filter = ["keanggotaan__peran", "is_active"]
    list_select_related = ["keanggotaan__kecamatan", "keanggotaan__kabupaten"]

    def get_queryset(self, request):
        queryset = UserAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return queryset
        from django.db.models import Q

        from kecamatan.akses import kecamatan_scope

        scope = kecamatan_scope(request.user)
        return queryset.filter(
            Q(keanggotaan__kecamatan__in=scope) | Q(keanggotaan__kabupaten__kecamatan__in=scope),
            is_superuser=False,
        ).distinct()

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        hidden = {"is_superuser", "is_staff", "groups", "user_permissions"}
        return [(name, {**opts, "fields": [f for f in opts["fields"] if f not in hidden]}) for name, opts in fieldsets]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        keanggotaan_baru = any(isinstance(o, Keanggotaan) for fs in formsets for o in fs.new_objects)
        # The admin chose this password: its owner replaces it at the first login. The role may
        # be given on the add page or, right after, on the change page of the unused account.
        if not change or (keanggotaan_baru and form.instance.last_login is None):
            pengguna_wajib_ganti_sandi(user=form.instance, sekarang=timezone.now())

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        # A password an admin set for someone else is known to the admin: its owner replaces it too.
        if request.method == "POST" and response.status_code == 302 and str(id) != str(request.user.pk):
            user = self.get_object(request, id)
            if user is not None:
                pengguna_wajib_ganti_sandi(user=user, sekarang=timezone.now())
        return response

    @admin.display(description="peran")
    def peran(self, obj):
        keanggotaan = getattr(obj, "keanggotaan", None)
        return keanggotaan.get_peran_display() if keanggotaan else "—"

    @admin.display(description="lingkup")
    def lingkup(self, obj):
        keanggotaan = getattr(obj, "keanggotaan", None)
        if not keanggotaan:
            return "—"
        return keanggotaan.kecamatan or keanggotaan.kabupaten


admin.site.unregister(User) if admin.site.is_registered(User) else None
admin.site.register(User, PenggunaAdmin)


class KegiatanReadOnlyAdmin(PeranHistoryAdmin):
    """Kegiatan and bukti are written through the application's pages (services); the admin only shows them."""

    peran_baca = akses.PERAN_ADMIN
    peran_tulis = ()

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Kegiatan)
class KegiatanAdmin(KegiatanReadOnlyAdmin):
    list_display = ["tanggal", "kecamatan", "kategori", "uraian_teks", "seksi", "status", "tanggal_output"]
    list_filter = ["status", "kategori", "kecamatan"]
    search_fields = ["uraian_teks", "jenis_nama", "keterangan", "output"]
    list_select_related = ["kecamatan", "seksi"]
    date_hierarchy = "tanggal"


@admin.register(BuktiPendukung)
class BuktiPendukungAdmin(KegiatanReadOnlyAdmin):
    kecamatan_lookup = "kegiatan__kecamatan"
    list_display = ["tanggal", "jenis", "nomor", "kegiatan", "nama_berkas_asli", "dihapus_pada"]
    list_filter = ["jenis"]
    search_fields = ["nomor", "nama_berkas_asli", "kegiatan__uraian_teks"]
    list_select_related = ["jenis", "kegiatan"]
    # The stored path is not a link: files are served only by the view that checks the user.
    exclude = ["berkas"]


# permissions=["cabut"]: offered only to who ``has_cabut_permission``; the service checks the role again
# and revokes only tokens within the admin's kabupaten.
@admin.action(description="Cabut token (aplikasi yang memakainya tidak dapat masuk lagi)", permissions=["cabut"])
def cabut_token(modeladmin, request, queryset):
    jumlah = token_api_revoke_by_admin(
        admin=request.user,
        token_pks=queryset.values_list("pk", flat=True),
        sekarang=timezone.now(),
        ip=alamat_klien(request),
    )
    modeladmin.message_user(request, f"{jumlah} token dicabut.", messages.SUCCESS)


@admin.register(TokenAPI)
class TokenAPIAdmin(PeranAdminMixin, admin.ModelAdmin):
    """Read-only: tokens are made by their owner on the account page; the admin may only revoke them."""

    # The path the tenancy sweep checks; the queryset itself is the access layer's (kecamatan and kabupaten users).
    kecamatan_lookup = "user__keanggotaan__kecamatan"
    mengubah_data = False
    peran_tulis = ()
    actions = [cabut_token]
    list_display = ["prefix", "nama", "user", "dibuat_pada", "kedaluwarsa_pada", "terakhir_dipakai", "dicabut_pada"]
    list_filter = ["dicabut_pada"]
    search_fields = ["prefix", "nama", "user__username"]
    list_select_related = ["user"]
    exclude = ["digest"]

    def get_queryset(self, request):
        return akses.token_api_scope(request.user).select_related("user")

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_cabut_permission(self, request):
        return akses.boleh_cabut_token_pengguna(request.user)
