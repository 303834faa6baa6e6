"""The certificate as a PDF (reportlab), with a QR code (segno) to its public page."""

import io

import segno
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

BLUE = colors.HexColor("#000091")


def _qr(pdf: canvas.Canvas, url: str, *, x: float, y: float, size: float) -> None:
    """Draw the QR code of url as squares: vector, sharp at any zoom."""
    matrix = [list(row) for row in segno.make(url, error="m").matrix_iter(border=2)]
    cell = size / len(matrix)
    pdf.setFillColor(colors.black)
    for row_number, row in enumerate(matrix):
        for column, dark in enumerate(row):
            if dark:
                pdf.rect(
                    x + column * cell,
                    y + size - (row_number + 1) * cell,
                    cell,
                    cell,
                    stroke=0,
                    fill=1,
                )


def certificate_pdf(result, *, verification_url: str) -> bytes:
    """Return the PDF of a published certificate."""
    candidate = result.test.candidate
    session = candidate.session
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(_("Certificat de compétences numériques"))
    pdf.setAuthor(session.centre.name)
    pdf.setFillColor(BLUE)
    pdf.rect(0, height - 28 * mm, width, 28 * mm, stroke=0, fill=1)
    pdf.setFillColor(colors.white)
    pdf.setFont("Helvetica-Bold", 22)
    pdf.drawString(20 * mm, height - 18 * mm, _("Certificat de compétences numériques"))
    pdf.setFillColor(colors.black)
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(20 * mm, height - 45 * mm, candidate.full_name)
    pdf.setFont("Helvetica", 11)
    lines = [
        _("Né(e) le %s") % candidate.birth_date.strftime("%d/%m/%Y"),
        _("Certification passée le %(date)s au centre %(centre)s")
        % {"date": session.date.strftime("%d/%m/%Y"), "centre": session.centre.name},
    ]
    for number, line in enumerate(lines):
        pdf.drawString(20 * mm, height - (53 + 6 * number) * mm, line)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.setFillColor(BLUE)
    pdf.drawString(20 * mm, height - 75 * mm, _("Score certifié : %d pix") % result.pix)
    pdf.setFillColor(colors.black)
    pdf.setFont("Helvetica-Bold", 11)
    top = height - 88 * mm
    pdf.drawString(20 * mm, top, _("Compétence"))
    pdf.drawString(190 * mm, top, _("Niveau certifié"))
    pdf.setFont("Helvetica", 10)
    for number, item in enumerate(result.competences, start=1):
        y = top - number * 6.5 * mm
        pdf.drawString(20 * mm, y, f"{item['competence']} {item['title']}"[:95])
        level = item["level"]
        pdf.drawString(
            190 * mm, y, str(level) if level is not None else _("non certifiée")
        )
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(
        20 * mm, 22 * mm, _("Code de vérification : %s") % result.verification_code
    )
    pdf.setFont("Helvetica", 9)
    pdf.drawString(
        20 * mm, 15 * mm, _("Vérifiez ce certificat : %s") % verification_url
    )
    _qr(pdf, verification_url, x=width - 55 * mm, y=12 * mm, size=40 * mm)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
