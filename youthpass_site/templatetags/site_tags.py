from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

SITE_NAME = "Youthpass"


class PageTitleNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        # The block's output is escaped already; stripping it makes a plain string again.
        title = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        return format_html("{} · {}", title, SITE_NAME) if title else SITE_NAME


@register.tag
def pagetitle(parser, token):
    """The page's own title, if it has one, then the site's name:
    `{% pagetitle %}{% block title %}{% endblock %}{% endpagetitle %}`.

    A template cannot ask whether a block is empty (`self.title` is never set), so the
    block's output decides here.
    """
    nodelist = parser.parse(("endpagetitle",))
    parser.delete_first_token()
    return PageTitleNode(nodelist)
