from notifikasi.selectors import jumlah_belum_dibaca


def lonceng(request):
    """The unread count of the navbar's bell: one query per page, none for anonymous visitors."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifikasi_belum_dibaca": jumlah_belum_dibaca(user=user)}
