"""stockbot: a WhatsApp assistant for the stock of small shops and warehouses."""

__version__ = "0.1.0"
