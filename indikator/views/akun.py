from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def akun(request):
    """The user's own account: name, role and scope. Also the benchmarks' trivial login-required page."""
    return render(request, "indikator/akun.html")
