"""The producer's orders: their own fulfilment groups, one per order, and the steps to ship them."""
