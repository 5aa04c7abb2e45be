app_name = "impor"
urlpatterns = []
