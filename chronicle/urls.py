from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Chronicle editors"
admin.site.site_title = "Chronicle"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("timeline.urls")),
]
