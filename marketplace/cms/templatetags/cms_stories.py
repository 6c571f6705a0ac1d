"""Template tags for pages outside Wagtail: ``{% producer_stories producer %}`` lists the published stories about a
producer (used on the producer's shop page, so the catalogue never imports the CMS)."""

from django import template

from marketplace.cms.story_event_selectors import producer_stories_of

register = template.Library()


@register.inclusion_tag("cms/partials/producer_stories.html", takes_context=True)
def producer_stories(context, producer):
    return {"stories": producer_stories_of(producer_id=producer.pk), "request": context.get("request")}
