"""The JSON-LD contexts that credentials may use, every one shipped with the project.

Canonicalising a credential resolves its contexts. A loader that fetched them would let a
document make the server call any address, and would make a signature depend on what a
remote server answers that day; this one serves pyld's bundled copies (W3C Verifiable
Credentials v1 and v2, DID v1, the security vocabularies) and the Open Badges 3.0 context
in contexts/, and refuses every other URL without opening a connection.
"""

from collections.abc import Mapping
from pathlib import Path

from cachetools import LRUCache
from pyld import BUNDLED_CONTEXTS, ContextResolver, FrozenDocumentLoader
from pyld.jsonld import JsonLdError

CONTEXTS_DIR = Path(__file__).resolve().parent / "contexts"

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

CONTEXTS: Mapping[str, Path] = {
    **BUNDLED_CONTEXTS,
    OB_CONTEXT: CONTEXTS_DIR / "ob-v3p0-context-3.0.3.json",
}


class UnknownContext(JsonLdError):
    """A document names a context that is not shipped with the project."""

    def __init__(self, url: str):
        super().__init__(
            f"The context {url} is not one of the contexts shipped with the site.",
            "jsonld.LoadDocumentError",
            {"url": url},
            code="loading document failed",
        )
        self.url = url


class ShippedContextLoader(FrozenDocumentLoader):
    """pyld's frozen loader, with our own exception for a context that is not shipped.

    Each loader keeps its own cache of resolved contexts: pyld's default cache is shared by
    the whole process, where a context let in by one loader would be served to another.
    """

    def __init__(self, documents):
        super().__init__(documents)
        self.resolved = LRUCache(maxsize=100)

    def context_resolver(self) -> ContextResolver:
        return ContextResolver(self.resolved, self)

    def __call__(self, url: str, options: dict):
        if url not in self.documents:
            raise UnknownContext(url)
        return super().__call__(url, options)


_default = ShippedContextLoader(CONTEXTS)


def document_loader(extra: Mapping[str, Path | dict] | None = None) -> ShippedContextLoader:
    """The loader of the shipped contexts; `extra` adds documents (a test vector's own)."""
    if not extra:
        return _default
    return ShippedContextLoader({**CONTEXTS, **extra})
