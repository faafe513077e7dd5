"""Addresses (lib/api/addresses.js): user addresses and address normalisation."""
