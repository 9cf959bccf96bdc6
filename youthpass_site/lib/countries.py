"""Country names in the reader's order: django-countries sorts them by the Unicode Collation
Algorithm without any language's tailoring, which puts Latvian "Čada" before "Centrālāfrikas
Republika"."""

from django.utils.translation import get_language
from django_countries import Countries as BaseCountries

from youthpass_site.lib.collation import sort_key


class Countries(BaseCountries):
    """Every country field's list (`CountryField(countries=Countries)`), sorted by the
    active language's collation."""

    def __iter__(self):
        # django-countries caches its translated list per language; so does this, in order.
        cache = self.__dict__.setdefault("_collated", {})
        language = get_language()
        if language not in cache:
            cache[language] = sorted(
                super().__iter__(), key=lambda country: sort_key(country.name, language)
            )
        yield from cache[language]
