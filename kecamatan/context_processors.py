from kecamatan import akses


def keanggotaan(request):
    """The user's role and kecamatan, for the navigation of the base layout."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"keanggotaan": getattr(user, "keanggotaan", None), **akses.flag_menu(user)}
