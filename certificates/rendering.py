def render_certificate_pdf(certificate):
    raise NotImplementedError
