"""The producer portal (/producer/): each producer manages their own listings, stock, orders and sales.

One package per area (onboarding, listings, orders, sales), each with its selectors, services, forms,
views and urls; ``access`` says which producer a request works for and records what it does.
The portal sits above the catalogue, the shop and the rating app (it reads and changes all three),
below the project's wiring; ``marketplace.producers.models`` stays at the bottom with the Producer.
"""
