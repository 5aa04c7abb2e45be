app_name = "desa"
urlpatterns = []
