from django.conf import settings
from django.utils.functional import SimpleLazyObject


def site(request):
    """Values every page needs: the public address and what the navigation offers."""
    user = getattr(request, "user", None)

    def organisation():
        if not (user and user.is_authenticated):
            return None
        membership = user.memberships.select_related("organisation").first()
        if membership is None:
            return None
        # Admins manage the organisation; editors see its colleagues.
        membership.organisation.nav_role = membership.role
        return membership.organisation

    def has_participations():
        return bool(user and user.is_authenticated and user.participations.exists())

    def has_support_roles():
        return bool(user and user.is_authenticated and user.support_roles.exists())

    return {
        "SITE_URL": settings.SITE_URL,
        "nav_organisation": SimpleLazyObject(organisation),
        "nav_has_participations": SimpleLazyObject(has_participations),
        "nav_has_support_roles": SimpleLazyObject(has_support_roles),
    }
