"""Role- and kecamatan-scoped ModelAdmin behaviour shared by every app's admin."""

from kecamatan.akses import kecamatan_scope, peran_of
from kecamatan.models import Kabupaten, Kecamatan, Peran


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
