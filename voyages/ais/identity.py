def identity_anomalies(*a, **k): raise NotImplementedError
def mid_country(*a, **k): raise NotImplementedError
