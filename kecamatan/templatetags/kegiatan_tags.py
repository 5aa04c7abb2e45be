from django import template

register = template.Library()


@register.filter
def nama_pengguna(user, kosong="—"):
    """A person's full name, else their username; ``kosong`` when there is none (imports, demo data)."""
    if user is None:
        return kosong
    return user.get_full_name() or user.username
