"""Role- and kecamatan-scoped ModelAdmin behaviour shared by every app's admin."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from kecamatan.akses import ambil_dalam_lingkup, kecamatan_scope, peran_of
from kecamatan.models import Peran
from wilayah.models import Kabupaten, Kecamatan
from wilayah.versi import versi_data_naikkan, versi_data_naikkan_semua


class PeranAdminMixin:
    """Permissions by role, rows limited to the user's kecamatan.

    ``peran_baca`` may view, ``peran_tulis`` may add and change; nobody
    deletes unless ``boleh_hapus``. ``kecamatan_lookup`` is the ORM path from
    the model to its Kecamatan (``None`` for shared data such as the catalogue).
    """

    peran_baca: tuple = (Peran.ADMIN_KABUPATEN,)
    peran_tulis: tuple = (Peran.ADMIN_KABUPATEN,)
    kecamatan_lookup: str | None = "kecamatan"
    boleh_hapus = False
    # Whether a save or delete here can change a kecamatan's figures or reports: if so, it bumps the data
    # version (wilayah/versi.py) of the kecamatan reached by ``kecamatan_lookup``, or of every kecamatan
    # for shared data (catalogue, questionnaire), inside the admin's own transaction.
    mengubah_data = True

    def _peran(self, request):
        return peran_of(request.user)

    def has_module_permission(self, request):
        return request.user.is_superuser or self._peran(request) in self.peran_baca

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request, *args):
        return request.user.is_superuser or self._peran(request) in self.peran_tulis

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.boleh_hapus and self.has_add_permission(request)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser or self.kecamatan_lookup is None:
            return queryset
        return queryset.filter(**{f"{self.kecamatan_lookup}__in": kecamatan_scope(request.user)})

    def _kecamatan_terdampak(self, pks) -> set[int] | None:
        """The kecamatan ids these rows belong to now; ``None`` for shared data (all kecamatan)."""
        if self.kecamatan_lookup is None:
            return None
        pks = [pk for pk in pks if pk is not None]
        if not pks:
            return set()
        return set(self.model._default_manager.filter(pk__in=pks).values_list(self.kecamatan_lookup, flat=True)) - {
            None
        }

    def _versi_data_naikkan(self, kecamatan_ids: set[int] | None) -> None:
        if not self.mengubah_data:
            return
        if kecamatan_ids is None:
            versi_data_naikkan_semua()
        else:
            versi_data_naikkan(kecamatan_ids=kecamatan_ids)

    def save_model(self, request, obj, form, change):
        # Before and after: an edit that moves a row to another kecamatan changes both.
        sebelum = self._kecamatan_terdampak([obj.pk]) if change and self.mengubah_data else set()
        super().save_model(request, obj, form, change)
        if self.mengubah_data:
            sesudah = self._kecamatan_terdampak([obj.pk])
            self._versi_data_naikkan(None if sebelum is None or sesudah is None else sebelum | sesudah)

    def delete_model(self, request, obj):
        terdampak = self._kecamatan_terdampak([obj.pk]) if self.mengubah_data else set()
        super().delete_model(request, obj)
        self._versi_data_naikkan(terdampak)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            terdampak = (
                self._kecamatan_terdampak(list(queryset.values_list("pk", flat=True))) if self.mengubah_data else set()
            )
            super().delete_queryset(request, queryset)
            self._versi_data_naikkan(terdampak)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            scope = kecamatan_scope(request.user)
            related = db_field.related_model
            if related is Kecamatan:
                kwargs["queryset"] = scope
            elif related is Kabupaten:
                kwargs["queryset"] = Kabupaten.objects.filter(kecamatan__in=scope).distinct()
            elif any(f.name == "kecamatan" and f.related_model is Kecamatan for f in related._meta.fields):
                kwargs["queryset"] = related._default_manager.filter(kecamatan__in=scope)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PeranInlineMixin(PeranAdminMixin):
    kecamatan_lookup = None

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request)


class PeranHistoryAdmin(PeranAdminMixin, SimpleHistoryAdmin):
    """django-simple-history's pages, held to the same scope as the rest of the admin, and read-only.

    simple-history fetches the historical record by id alone, falls back to the
    history when the scoped queryset misses, and saves a POSTed revert with only
    the view permission checked. Here the object must be in ``get_queryset`` and
    the version must have belonged to a kecamatan of the user (else 404), and a
    revert is refused outright: a revert bypasses the services (their rules,
    audit and tenancy checks), so history is for reading only.
    """

    def revert_disabled(self, request, obj=None):
        return True

    def _punya_riwayat(self) -> bool:
        return hasattr(self.model._meta, "simple_history_manager_attribute")

    def _objek_or_404(self, request, object_id):
        # The admin's scope is its queryset (``get_queryset``, from ``kecamatan_scope``);
        # the lookup, and its one 404 for missing and foreign, is the access layer's.
        return ambil_dalam_lingkup(self.get_queryset(request), pk=unquote(object_id))

    def _versi_dalam_lingkup(self, request, object_id, version_id) -> bool:
        """The kecamatan the version belonged to, then, must be in the user's scope too."""
        if request.user.is_superuser or self.kecamatan_lookup is None:
            return True
        history = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        try:
            record = history.get(**{self.model._meta.pk.attname: unquote(object_id), "history_id": version_id})
        except (history.model.DoesNotExist, ValidationError, ValueError, TypeError):
            return False
        if self.kecamatan_lookup == "pk":
            kecamatan_id = record.instance.pk
        else:
            *jalan, terakhir = self.kecamatan_lookup.split("__")
            target = record.instance
            try:
                for nama in jalan:
                    target = getattr(target, nama)
            except ObjectDoesNotExist:
                return False
            kecamatan_id = getattr(target, f"{terakhir}_id", None)
        return kecamatan_scope(request.user).filter(pk=kecamatan_id).exists()

    def history_view(self, request, object_id, extra_context=None):
        self._objek_or_404(request, object_id)
        if not self._punya_riwayat():
            return admin.ModelAdmin.history_view(self, request, object_id, extra_context)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._objek_or_404(request, object_id)
        if not self._punya_riwayat() or not self._versi_dalam_lingkup(request, object_id, version_id):
            raise Http404("Versi tidak ditemukan.")
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied("Riwayat hanya dapat dilihat; ubah data melalui halamannya sendiri.")
        return super().history_form_view(request, object_id, version_id, extra_context)
