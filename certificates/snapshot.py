def build_snapshot(participant, language):
    raise NotImplementedError
