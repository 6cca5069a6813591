"""Providers behind one small sending interface: Meta Cloud API, Twilio, and the local sandbox."""
