"""Admin features as Wagtail viewsets, each shown to the users its rule admits."""

from collections.abc import Callable

from django.utils.functional import cached_property
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet


class FeatureViewSet(ViewSet):
    """One admin feature: its URLs under ``/admin/<url_prefix>/`` and its menu item.

    ``rule`` is the feature's named permission predicate (``user -> bool``,
    from the app's permissions module). It only decides whether the menu shows
    the item, as Wagtail's ModelViewSet does with its permission policy; the
    views and services check it again, so a typed URL is refused all the same.
    """

    add_to_admin_menu = True
    rule: Callable[[object], bool] = staticmethod(lambda user: True)

    @cached_property
    def menu_item_class(self):
        viewset = self

        def is_shown(item, request):
            return viewset.rule(request.user)

        return type(
            f"{type(self).__name__}MenuItem", (MenuItem,), {"is_shown": is_shown}
        )


class FrenchAddLabelMixin:
    """A snippet viewset whose "add" button reads « Ajouter une épreuve ».

    Wagtail's French catalogue says « Ajouter un(e) épreuve »: each viewset
    names its own, with the right article, in ``add_item_label``.
    """

    add_item_label = None

    def get_index_view_kwargs(self, **kwargs):
        if self.add_item_label:
            kwargs["add_item_label"] = self.add_item_label
        return super().get_index_view_kwargs(**kwargs)
