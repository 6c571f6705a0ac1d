"""What makes the shop trustworthy to a shopper: who runs it and how to reach them (site settings), the menus of
the header and footer, the policy pages (shipping, returns, payment, privacy, terms, about) and the contact form."""
