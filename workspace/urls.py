"""The staff workspace, under /quan-ly/ (not translated: staff work in Vietnamese)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from workspace import assignment_views, dashboard, setup_views, views

app_name = "workspace"

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.home, name="home"),
    path("nhap-tep/", views.import_page, name="import"),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence_file"),
    path("minh-chung/<int:pk>/xoa/", views.evidence_remove, name="evidence_remove"),
    path("phien/", views.keep_alive, name="keep_alive"),
    path("thiet-lap/", setup_views.setup_home, name="setup"),
    path("thong-bao/", setup_views.notifications, name="notifications"),
    path("thiet-lap/bo-tieu-chi-mau.xlsx", setup_views.framework_sample, name="framework_sample"),
    path("<slug:slug>/", views.edition, name="edition"),
    path("<slug:slug>/buoc/<str:action>/", views.step, name="step"),
    path("<slug:slug>/xep-hang/", views.ranking, name="ranking"),
    path("<slug:slug>/thiet-lap/", setup_views.setup_edition, name="setup_edition"),
    path("<slug:slug>/tien-do/", dashboard.dashboard, name="dashboard"),
    path("<slug:slug>/phan-cong/", assignment_views.assignments, name="assignments"),
    path("<slug:slug>/so-lieu-giai-trinh.xlsx", dashboard.rounds_workbook, name="rounds_workbook"),
    path("<slug:slug>/thiet-lap/don-vi/", setup_views.units, name="setup_units"),
    path("<slug:slug>/thiet-lap/bo-tieu-chi/<int:set_id>/", setup_views.framework, name="framework"),
    path(
        "<slug:slug>/thiet-lap/bo-tieu-chi/<int:set_id>/tai-len/", setup_views.framework_upload, name="framework_upload"
    ),
    path(
        "<slug:slug>/thiet-lap/bo-tieu-chi/<int:set_id>/tai-ve.xlsx",
        setup_views.framework_download,
        name="framework_download",
    ),
    path("<slug:slug>/cong-bo/", views.publish_page, name="publish"),
    path("<slug:slug>/du-thao-quyet-dinh.docx", views.decision_draft, name="decision_draft"),
    path("<slug:slug>/sua-doi/", views.amend, name="amend"),
    path("<slug:slug>/khoi/<str:block>/mau.xlsx", views.excel_template, name="excel_template"),
    path("<slug:slug>/khoi/<str:block>/tai-len/", views.excel_upload, name="excel_upload"),
    path("<slug:slug>/khao-sat/<int:criteria_set>/", views.survey, name="survey"),
    path("<slug:slug>/don-vi/<str:code>/", views.unit_sheet, name="unit"),
    path("<slug:slug>/don-vi/<str:code>/lich-su/", views.unit_history_page, name="history"),
    path("<slug:slug>/don-vi/<str:code>/nop/", views.submission, name="submission"),
    path("<slug:slug>/don-vi/<str:code>/giai-trinh/", views.explanation, name="explanation"),
    path("<slug:slug>/don-vi/<str:code>/minh-chung/<str:criterion>/", views.evidence_page, name="evidence"),
]
