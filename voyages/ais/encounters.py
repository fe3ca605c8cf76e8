def encounters(*a, **k): raise NotImplementedError
