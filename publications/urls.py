"""The public pages (under the language prefix: /… in Vietnamese, /en/… in English)."""

from django.urls import path

from publications import across, compare, downloads, views

app_name = "publications"

urlpatterns = [
    path("", views.home, name="home"),
    path("tim-kiem/", views.search, name="search"),
    path("cong-bo/<slug:slug>/", views.announcement, name="announcement"),
    path("cong-bo/<slug:slug>/phuong-phap/", views.methodology, name="methodology"),
    path("cong-bo/<slug:slug>/quyet-dinh.pdf", views.decision_pdf, name="decision_pdf"),
    path("cong-bo/<slug:slug>/don-vi/", views.find_unit, name="find_unit"),
    path("cong-bo/<slug:slug>/so-sanh/", compare.compare, name="compare"),
    path("cong-bo/<slug:slug>/ban-do/", views.map_page, name="map"),
    path("cong-bo/<slug:slug>/don-vi/<str:code>/", views.unit, name="unit"),
    path("cong-bo/<slug:slug>/don-vi/<str:code>/bieu-do.<str:fmt>", views.unit_chart, name="unit_chart_file"),
    path("cong-bo/<slug:slug>/bieu-do/<str:number>.<str:fmt>", views.chart, name="chart_file"),
    path("cong-bo/<slug:slug>/bieu-do/<str:number>/nhung/", views.chart_embed, name="chart_embed"),
    path("cong-bo/<slug:slug>/anh-xem-truoc.png", views.announcement_image, name="announcement_image"),
    path("cong-bo/<slug:slug>/don-vi/<str:code>/anh-xem-truoc.png", views.unit_image, name="unit_image"),
    path("cong-bo/<slug:slug>/tai-ve.<str:fmt>", downloads.download, name="download"),
    path("cong-bo/<slug:slug>/khoi/<str:block>/tai-ve.<str:fmt>", downloads.download, name="block_download"),
    path("co-quan/<slug:slug>/", views.authority, name="authority"),
    path("so-sanh-dia-phuong/", across.across, name="across"),
    path("du-lieu-mo/", views.open_data, name="open_data"),
]
