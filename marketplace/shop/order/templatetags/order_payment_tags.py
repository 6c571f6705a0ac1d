from django import template

from marketplace.payments.selectors import bank_transfer_instructions, order_payment

register = template.Library()


@register.simple_tag
def order_bank_transfer(order):
    """``{% order_bank_transfer order as transfer %}``: what to transfer for the order, or None if not by transfer."""
    if order is None or order.pk is None:
        return None
    return bank_transfer_instructions(order_payment(order))
