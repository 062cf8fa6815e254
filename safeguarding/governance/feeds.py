"""The Atom feed of a partnership's published key messages."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from safeguarding.governance.selectors.key_messages import key_message_feed_items


class KeyMessageFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        partnership = getattr(request, "partnership", None) or None
        if partnership is None:
            raise Http404("There is no partnership here yet")
        return partnership

    def title(self, obj) -> str:
        return f"Key messages – {obj.name}"

    def subtitle(self, obj) -> str:
        return f"What {obj.name} wants everyone to know after each meeting"

    def link(self, obj) -> str:
        return reverse("governance:key-message-archive")

    def feed_url(self, obj) -> str:
        return reverse("governance:key-message-feed")

    def items(self, obj):
        return key_message_feed_items(partnership=obj)

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.body_html

    def item_link(self, item) -> str:
        return reverse("governance:key-message-detail", args=[item.pk])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item) -> list[str]:
        return [theme.name for theme in item.themes.all()]

    def author_name(self, obj) -> str:
        return obj.name
