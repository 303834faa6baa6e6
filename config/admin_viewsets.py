"""Admin features as Wagtail viewsets, each shown to the users its rule admits."""

from collections.abc import Callable

from django.contrib import messages
from django.db.models import ProtectedError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views import snippets as snippet_views


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


class RefuseProtectedDeleteMixin:
    """Refuse, with a message, to delete an object that others still point to.

    Wagtail's delete view only knows the references of its reference index;
    a protected foreign key (a competence's area, a session's centre) raised
    ProtectedError: a 500. The deletion's transaction is rolled back.
    """

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError as error:
            messages.error(
                self.request,
                _(
                    "Suppression impossible : « %(object)s » est encore utilisé "
                    "par %(count)s élément(s)."
                )
                % {"object": self.object, "count": len(error.protected_objects)},
            )
            return redirect(self.request.get_full_path())


class ProtectedDeleteView(RefuseProtectedDeleteMixin, generic.DeleteView):
    pass


class SnippetProtectedDeleteView(RefuseProtectedDeleteMixin, snippet_views.DeleteView):
    pass


class SnippetChooserCreateView(snippet_chooser.SnippetCreateView):
    """No creation form in the chooser: its "create" URL is a 404.

    Wagtail's view posts to a form it did not build (``None.is_valid()``: a 500).
    """

    def dispatch(self, request, *args, **kwargs):
        if self.get_creation_form_class() is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class SnippetChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    create_view_class = SnippetChooserCreateView


class FrenchAddLabelMixin:
    """A snippet viewset whose "add" button reads « Ajouter une épreuve ».

    Wagtail's French catalogue says « Ajouter un(e) épreuve »: each viewset
    names its own, with the right article, in ``add_item_label``.
    """

    add_item_label = None
    # Not about the label, but every snippet viewset of ours takes this mixin.
    delete_view_class = SnippetProtectedDeleteView
    chooser_viewset_class = SnippetChooserViewSet

    def get_index_view_kwargs(self, **kwargs):
        if self.add_item_label:
            kwargs["add_item_label"] = self.add_item_label
        return super().get_index_view_kwargs(**kwargs)
