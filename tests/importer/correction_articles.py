"""Small articles written for the correction tests (in the style of the shared real ones:
a ship named after its owner, a data provider's name read as a person)."""

FIRST = """Tanker linked to Danish shipping giant unloads in Haifa

The tanker Nexoe Maersk discharged crude oil at the Port of Haifa on Monday, Lloyd's List Intelligence data show. The Danish company A.P. Moller-Maersk said in a statement that it had no control over the cargo of chartered vessels.

"We comply with every sanction that applies to us," Maersk said on Tuesday. Activists from the Palestinian Youth Movement said the delivery broke an arms embargo.
"""

SECOND = """Second shipment reaches Israeli port despite protests

A second cargo reached the Port of Haifa on Thursday aboard the Nexoe Maersk, Lloyd's List Intelligence data show. Maersk said it was reviewing its charter contracts after the protests.

The Palestinian Youth Movement said it would hold more protests at Danish ports next week.
"""

THIRD = """Third cargo for Haifa as charter questions grow

The Nexoe Maersk left Haifa again on Sunday, port records show. Maersk said on Monday that it would end the charter in May.

Dock workers in Aarhus said they would not load the tanker again.
"""
