from django.urls import path

from safeguarding.search.views import manage, search, suggestions, themes

app_name = "search"

urlpatterns = [
    path("search/", search.search_page, name="search"),
    path("themes/", themes.theme_list, name="theme-list"),
    path("themes/merge/", manage.theme_merge_page, name="theme-merge"),
    path(
        "themes/suggestions/",
        suggestions.theme_suggestions_page,
        name="theme-suggestions",
    ),
    path("themes/<slug:slug>/", themes.theme_page, name="theme"),
    path("learning/elsewhere/<int:pk>/", themes.external_review, name="external-review"),
]
